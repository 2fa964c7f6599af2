using CareConsole.Core.Conversations;
using CareConsole.Core.Sentiment;

namespace CareConsole.Core.Reports;

/// <summary>
/// What the dashboard counts about one conversation, worked out from its messages, reporting events, hand-offs,
/// requests and rating by <see cref="From"/> and kept in a row of its own: a 30-day view over a hundred thousand
/// conversations reads one narrow row each instead of a million messages. Rebuilt whenever the conversation
/// changes (<see cref="FactsProjector"/>), so it is never edited by hand and never drifts from the record.
/// </summary>
public sealed class ConversationFacts
{
    private ConversationFacts()
    {
    }

    public Guid ConversationId { get; private set; }

    /// <summary>The conversation's <see cref="Conversation.Version"/> these facts were worked out from.</summary>
    public uint SourceVersion { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When the customer first wrote; null for a chat opened and never written in, which reports leave out.</summary>
    public DateTimeOffset? FirstCustomerMessageAt { get; private set; }

    /// <summary>The latest message the customer could see, theirs or a reply: how long a chat has been idle.</summary>
    public DateTimeOffset LastMessageAt { get; private set; }

    public Channel Channel { get; private set; }

    /// <summary>The register the conversation was written in at the end (or now).</summary>
    public Register Language { get; private set; }

    public int? CustomerId { get; private set; }

    public bool VerificationAttempted { get; private set; }

    public bool VerificationLocked { get; private set; }

    /// <summary>Whether the conversation had ended: resolved, or closed unresolved.</summary>
    public bool Ended { get; private set; }

    public bool Resolved { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Who had the conversation at the end (or has it now).</summary>
    public ConversationOwner OwnerAtEnd { get; private set; }

    /// <summary>The AI answered at least one of the customer's messages.</summary>
    public bool AiReplied { get; private set; }

    /// <summary>A hand-off, a take-over or a reply from a person.</summary>
    public bool PersonInvolved { get; private set; }

    public bool HumanReplied { get; private set; }

    public int HandOffs { get; private set; }

    /// <summary>The rule of the first hand-off, if any.</summary>
    public EscalationReason? Rule { get; private set; }

    /// <summary>The last person who took the conversation (their staff id).</summary>
    public string? AgentId { get; private set; }

    /// <summary>Seconds from the customer's first message to the AI's first answer.</summary>
    public double? AiFirstResponseSeconds { get; private set; }

    /// <summary>Seconds from the first hand-off to a person's first reply: the human clock starts at the hand-off.</summary>
    public double? HumanFirstResponseSeconds { get; private set; }

    /// <summary>The mean of the customer's waits for the AI: from each unanswered message to the AI's next answer.</summary>
    public double? AiWaitSeconds { get; private set; }

    /// <summary>The mean of the customer's waits for a person, each wait starting no earlier than the hand-off.</summary>
    public double? HumanWaitSeconds { get; private set; }

    /// <summary>Seconds from the start to the resolution, for resolved conversations.</summary>
    public double? ResolutionSeconds { get; private set; }

    /// <summary>The customer's rating, 1 to 5.</summary>
    public int? Rating { get; private set; }

    /// <summary>Messages from the customer, the AI and people (private notes and system lines are not messages).</summary>
    public int Messages { get; private set; }

    public int CustomerMessages { get; private set; }

    /// <summary>Customer messages scored negative.</summary>
    public int NegativeMessages { get; private set; }

    /// <summary>The sum of the customer messages' scores, so averages over many conversations weigh every message once.</summary>
    public double SentimentSum { get; private set; }

    public double? FirstSentiment { get; private set; }

    public double? LastSentiment { get; private set; }

    public int Requests { get; private set; }

    public double RequestedRupees { get; private set; }

    public int ApprovedRequests { get; private set; }

    public double ApprovedRupees { get; private set; }

    public int RejectedRequests { get; private set; }

    /// <summary>Requests policy allowed without a person, carried out at once.</summary>
    public int AutoDoneRequests { get; private set; }

    public double RejectedRupees { get; private set; }

    /// <summary>The average score of the customer's messages.</summary>
    public double? AverageSentiment => CustomerMessages == 0 ? null : SentimentSum / CustomerMessages;

    /// <summary>The last customer message's score less the first's: below zero, the customer left less happy.</summary>
    public double? SentimentShift => FirstSentiment is { } first && LastSentiment is { } last && CustomerMessages > 1 ? last - first : null;

    /// <summary>Resolved with no person taking part: no hand-off, no take-over, no reply from a person.</summary>
    public bool ResolvedByAi => Resolved && !PersonInvolved;

    /// <summary>How the conversation stands at <paramref name="now"/>.</summary>
    public Outcome OutcomeAt(DateTimeOffset now) =>
        Resolved ? (PersonInvolved ? Outcome.ResolvedByPerson : Outcome.ResolvedByAi)
        : Ended || now - LastMessageAt >= AbandonedAfter ? Outcome.Abandoned
        : Outcome.Waiting;

    /// <summary>An open conversation nobody has written in for this long is counted as abandoned.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// Worked out from a conversation loaded whole: its messages, events, hand-offs and requests.
    /// </summary>
    public static ConversationFacts From(Conversation conversation)
    {
        var messages = conversation.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
        var events = conversation.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var handOffTimes = events.Where(e => e.Name == ReportingEventName.Escalated).Select(e => e.At).ToList();
        var spoken = messages.Where(m => m.Author is Author.Customer or Author.Assistant or Author.Agent && !m.IsPrivateNote).ToList();
        var customer = messages.Where(m => m.Author == Author.Customer).ToList();
        var scores = customer.Where(m => m.Sentiment is not null).Select(m => m.Sentiment!.Value).ToList();
        var (aiWaits, humanWaits) = Waits(spoken, handOffTimes);
        var claimed = events.LastOrDefault(e => e.Name == ReportingEventName.Claimed);
        var resolved = events.FirstOrDefault(e => e.Name == ReportingEventName.Resolved);
        var requests = conversation.ActionRequests;
        var approved = requests.Where(r => r.Status == ActionRequestStatus.Approved).ToList();
        var rejected = requests.Where(r => r.Status == ActionRequestStatus.Rejected).ToList();
        var humanReplied = spoken.Any(m => m.Author == Author.Agent);

        return new ConversationFacts
        {
            ConversationId = conversation.Id,
            SourceVersion = conversation.Version,
            StartedAt = conversation.CreatedAt,
            FirstCustomerMessageAt = customer.FirstOrDefault()?.CreatedAt,
            LastMessageAt = spoken.LastOrDefault()?.CreatedAt ?? conversation.CreatedAt,
            Channel = conversation.Channel,
            Language = conversation.Register,
            CustomerId = conversation.VerifiedCustomerId,
            VerificationAttempted = events.Any(e => e.Name is ReportingEventName.Verified or ReportingEventName.VerificationFailed),
            VerificationLocked = events.Any(e => e.Name == ReportingEventName.VerificationLocked),
            Ended = conversation.Phase == ConversationPhase.Ended,
            Resolved = resolved is not null,
            EndedAt = conversation.EndedAt,
            OwnerAtEnd = conversation.Owner,
            AiReplied = events.Any(e => e.Name == ReportingEventName.FirstResponse),
            PersonInvolved = handOffTimes.Count > 0 || claimed is not null || humanReplied,
            HumanReplied = humanReplied,
            HandOffs = handOffTimes.Count,
            Rule = conversation.Escalations.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).FirstOrDefault()?.Reason,
            AgentId = claimed?.StaffUserId,
            AiFirstResponseSeconds = events.FirstOrDefault(e => e.Name == ReportingEventName.FirstResponse)?.Value,
            HumanFirstResponseSeconds = events.FirstOrDefault(e => e.Name == ReportingEventName.FirstHumanResponse)?.Value,
            AiWaitSeconds = aiWaits.Count == 0 ? null : aiWaits.Average(),
            HumanWaitSeconds = humanWaits.Count == 0 ? null : humanWaits.Average(),
            ResolutionSeconds = resolved?.Value,
            Rating = conversation.Feedback?.Rating,
            Messages = spoken.Count,
            CustomerMessages = scores.Count,
            NegativeMessages = scores.Count(s => SentimentScore.LabelFor(s) == SentimentLabel.Negative),
            SentimentSum = scores.Sum(),
            FirstSentiment = scores.Count == 0 ? null : scores[0],
            LastSentiment = scores.Count == 0 ? null : scores[^1],
            Requests = requests.Count,
            RequestedRupees = (double)requests.Sum(r => r.Amount),
            ApprovedRequests = approved.Count,
            ApprovedRupees = (double)approved.Sum(r => r.ApprovedAmount ?? r.Amount),
            RejectedRequests = rejected.Count,
            RejectedRupees = (double)rejected.Sum(r => r.Amount),
            AutoDoneRequests = requests.Count(r => r.Status == ActionRequestStatus.Done),
        };
    }

    /// <summary>
    /// Each wait runs from the first customer message nobody has answered yet to the next reply, and counts for whoever
    /// replied. A person's clock never starts before the hand-off that brought them: the minutes the customer spent
    /// with the AI are not the person's.
    /// </summary>
    private static (List<double> Ai, List<double> Human) Waits(List<Message> spoken, List<DateTimeOffset> handOffs)
    {
        List<double> ai = [], human = [];
        DateTimeOffset? waitingSince = null;
        foreach (var message in spoken)
        {
            if (message.Author == Author.Customer)
            {
                waitingSince ??= message.CreatedAt;
                continue;
            }
            if (waitingSince is not { } since)
            {
                continue;
            }
            if (message.Author == Author.Assistant)
            {
                ai.Add((message.CreatedAt - since).TotalSeconds);
            }
            else
            {
                var handOff = handOffs.Where(h => h <= message.CreatedAt).DefaultIfEmpty(since).Max();
                human.Add((message.CreatedAt - (handOff > since ? handOff : since)).TotalSeconds);
            }
            waitingSince = null;
        }
        return (ai, human);
    }
}

/// <summary>Where a conversation ended up, for the conversations-per-day chart.</summary>
public enum Outcome
{
    /// <summary>Resolved with no person taking part.</summary>
    ResolvedByAi,

    /// <summary>Resolved after a person took part.</summary>
    ResolvedByPerson,

    /// <summary>Still open, with a message in the last 24 hours.</summary>
    Waiting,

    /// <summary>Closed unresolved, or open with nothing written for 24 hours.</summary>
    Abandoned,
}
