using System.Runtime.Versioning;

// The tests run the embedded PostgreSQL and the app on Linux, as CI does.
[assembly: UnsupportedOSPlatform("windows")]
