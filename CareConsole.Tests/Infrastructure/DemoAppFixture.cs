namespace CareConsole.Tests.Infrastructure;

/// <summary>One in-process app with demo data, shared by the tests of a class.</summary>
public sealed class DemoAppFixture(TestDatabases databases) : IAsyncLifetime
{
    public CareConsoleFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Factory = await CareConsoleFactory.StartAsync(databases, demo: true);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
