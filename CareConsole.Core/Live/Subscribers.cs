using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Live;

/// <summary>
/// Who listens to a feed. Subscribing hands out a handle that unsubscribes when disposed; publishing calls everyone
/// on the caller's thread, so subscribers should only schedule work (a component's InvokeAsync), never wait.
/// </summary>
public sealed partial class Subscribers<T>(ILogger logger)
{
    private readonly Lock _gate = new();
    private Action<T>[] _subscribers = [];

    public IDisposable Subscribe(Action<T> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChange];
        }
        return new Subscription(this, onChange);
    }

    public void Publish(T change)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One broken screen must not stop the others hearing about the change.
                LogSubscriberFailed(logger, change, e);
            }
        }
    }

    private void Unsubscribe(Action<T> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChange)];
        }
    }

    [LoggerMessage(LogLevel.Warning, "A subscriber failed to take the change {Change}")]
    private static partial void LogSubscriberFailed(ILogger logger, T? change, Exception exception);

    private sealed class Subscription(Subscribers<T> subscribers, Action<T> onChange) : IDisposable
    {
        public void Dispose() => subscribers.Unsubscribe(onChange);
    }
}
