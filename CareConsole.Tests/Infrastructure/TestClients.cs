using CareConsole.Core.Clients;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// Client addresses for tests that talk to the conversation service directly. Each test gets its own, so one test's
/// failed identity checks (counted per client) never lock another test out.
/// </summary>
public static class TestClients
{
    private static int _next;

    public static ClientKey Next() => ClientKey.Named($"test-client-{Interlocked.Increment(ref _next)}");
}
