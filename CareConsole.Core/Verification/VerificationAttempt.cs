using CareConsole.Core.Conversations;

namespace CareConsole.Core.Verification;

/// <summary>
/// One identity check: a pincode compared against the addresses of the phone number the customer gave. Kept for
/// counting failures per number and per client across conversations, instances and restarts.
/// </summary>
public sealed class VerificationAttempt
{
    private VerificationAttempt()
    {
    }

    public long Id { get; private set; }

    /// <summary>The ten-digit number checked, whether or not any account has it.</summary>
    public string Phone { get; private set; } = "";

    /// <summary>Where the check came from (<see cref="Clients.ClientKey"/>).</summary>
    public string Client { get; private set; } = "";

    public Guid ConversationId { get; private set; }
    public Channel Channel { get; private set; }
    public bool Succeeded { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static VerificationAttempt Create(string phone, string client, Guid conversationId, Channel channel, bool succeeded, DateTimeOffset at) =>
        new() { Phone = phone, Client = client, ConversationId = conversationId, Channel = channel, Succeeded = succeeded, At = at };
}

/// <summary>
/// Identity checks for a phone number (<c>phone:9876543210</c>) or from a client (<c>client:203.0.113.7</c>) are
/// paused until <see cref="LockedUntil"/>, after too many failures.
/// </summary>
public sealed class VerificationLock
{
    private VerificationLock()
    {
    }

    public string Subject { get; private set; } = "";
    public DateTimeOffset LockedAt { get; private set; }
    public DateTimeOffset LockedUntil { get; private set; }

    /// <summary>The longest subject: "client:" and the longest client key.</summary>
    public const int MaxSubjectLength = 64;

    internal static string ForPhone(string phone) => "phone:" + phone;

    internal static string ForClient(string client) => "client:" + client;
}
