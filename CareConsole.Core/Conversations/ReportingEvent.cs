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
    /// Seconds for durations (first response, time to escalate, claim, first human response or resolve); for
    /// VerificationFailed the attempt number; for Rated the rating; rupees for approved and rejected requests.
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

    /// <summary>Identity checks were refused after too many failures; the value is the seconds left of the lock.</summary>
    VerificationLocked,
    Escalated,
    ActionRequested,
    Resolved,

    /// <summary>Ended without being resolved, e.g. after three failed identity checks.</summary>
    Closed,

    Rated,

    /// <summary>A person took the conversation; the value is how long it had waited since the hand-off.</summary>
    Claimed,

    /// <summary>A person's first reply after taking over; the value is seconds since the hand-off.</summary>
    FirstHumanResponse,

    /// <summary>A person gave the conversation back to the AI; the value is how long they had it.</summary>
    HandedBack,

    /// <summary>A refund approved by a person; the value is the amount approved, in rupees.</summary>
    RefundApproved,

    /// <summary>A refund rejected by a person; the value is the amount that was asked, in rupees.</summary>
    RefundRejected,

    /// <summary>A return, replacement or late cancellation approved by a person; the value in rupees.</summary>
    RequestApproved,

    /// <summary>A return, replacement or late cancellation rejected by a person; the value in rupees.</summary>
    RequestRejected,
}
