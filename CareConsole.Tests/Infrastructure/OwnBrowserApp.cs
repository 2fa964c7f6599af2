namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// For browser tests that cannot share the common app: their own app on Kestrel (with settings of their own) and
/// their own browser, made for each test and gone after it.
/// </summary>
public abstract class OwnBrowserApp(TestDatabases databases, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    private CareConsoleFactory? _app;
    private Browser? _browser;

    protected CareConsoleFactory App => _app ?? throw new InvalidOperationException("Not started.");

    protected Browser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _app = await CareConsoleFactory.StartAsync(databases, demo: false, onKestrel: true, settings: settings);
        _browser = await Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
