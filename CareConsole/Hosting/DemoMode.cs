namespace CareConsole.Hosting;

/// <summary>Whether this instance shows demo data, demo staff and the demo accounts list.</summary>
public sealed record DemoMode(bool Enabled);
