namespace CareConsole.Core.Conversations;

/// <summary>Something dashboards count or time. The value is in seconds unless the name says otherwise.</summary>
public sealed class ReportingEvent
{
    private ReportingEvent()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public ReportingEventName Name { get; private set; }

    /// <summary>
    /// Seconds for durations (first response, time to escalate or resolve); for VerificationFailed the attempt
    /// number; for Rated the rating.
    /// </summary>
    public double Value { get; private set; }

    /// <summary>The staff member who acted, for events a person causes.</summary>
    public string? StaffUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static ReportingEvent Create(ReportingEventName name, double value, DateTimeOffset now, string? staffUserId = null) =>
        new() { Name = name, Value = value, At = now, StaffUserId = staffUserId };
}

public enum ReportingEventName
{
    Started,
    FirstResponse,
    Verified,
    VerificationFailed,
    Escalated,
    ActionRequested,
    Resolved,

    /// <summary>Ended without being resolved, e.g. after three failed identity checks.</summary>
    Closed,

    Rated,
}
