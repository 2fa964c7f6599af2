namespace CareConsole.Tests.Infrastructure;

/// <summary>Waiting for something to become true, by asking again, with a limit: never a sleep in its place.</summary>
public static class Poll
{
    /// <summary>Asks <paramref name="done"/> every 50 ms until it says yes; fails the test (cancelled) after <paramref name="limit"/>.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> done, TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        while (!await done(timeout.Token))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public static Task UntilAsync(Func<bool> done, TimeSpan limit) => UntilAsync(_ => Task.FromResult(done()), limit);
}
