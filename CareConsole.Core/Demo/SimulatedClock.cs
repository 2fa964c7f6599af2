namespace CareConsole.Core.Demo;

/// <summary>
/// A clock that shows whatever time it is set to, for replaying days of conversations in seconds: the demo's history
/// is made by the real services reading this clock instead of the system's.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>How far each read moves the clock on: time passing while the services work.</summary>
    public TimeSpan Tick { get; init; }

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, Tick.Ticks) - Tick.Ticks, TimeSpan.Zero);

    public void Set(DateTimeOffset time) => Interlocked.Exchange(ref _ticks, time.UtcTicks);

    public DateTimeOffset Advance(TimeSpan by) => new(Interlocked.Add(ref _ticks, by.Ticks), TimeSpan.Zero);
}
