using System.Collections.Concurrent;
using CareConsole.Core.Live;

namespace CareConsole.Hosting;

/// <summary>
/// The live staff sessions (desks and dashboards) open on this instance, by account. When any instance, or the staff
/// command, announces that an account changed, that account's sessions here are checked at once and end if it may
/// no longer be signed in.
/// </summary>
public sealed class StaffSessions : IDisposable
{
    private readonly ConcurrentDictionary<StaffAuthenticationStateProvider, string> _sessions = new();
    private readonly IDisposable _subscription;

    public StaffSessions(StaffFeed feed) => _subscription = feed.Subscribe(OnAccountChanged);

    internal void Track(StaffAuthenticationStateProvider session, string? userId)
    {
        if (userId is null)
        {
            _sessions.TryRemove(session, out _);
        }
        else
        {
            _sessions[session] = userId;
        }
    }

    internal void Forget(StaffAuthenticationStateProvider session) => _sessions.TryRemove(session, out _);

    private void OnAccountChanged(string userId)
    {
        foreach (var (session, id) in _sessions)
        {
            if (userId.Length == 0 || id == userId)
            {
                _ = session.CheckNowAsync();
            }
        }
    }

    public void Dispose() => _subscription.Dispose();
}
