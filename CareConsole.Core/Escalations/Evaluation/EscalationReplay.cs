using CareConsole.Core.Conversations;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Text;

namespace CareConsole.Core.Escalations.Evaluation;

/// <summary>A customer message of a script, and what the AI's turn did with it.</summary>
/// <param name="Turn">How the turn went: nothing found, a tool failing, a request needing approval, no model.</param>
public sealed record ScriptedMessage(string Text, TurnOutcome Turn);

/// <summary>A conversation written for the replay, with the hand-off a support lead would want.</summary>
/// <param name="ExpectedRule">The rule that should fire first, or null when no one should be brought in.</param>
/// <param name="ExpectedAt">The 1-based customer message at which it should fire.</param>
public sealed record ScriptedConversation(string Id, string Language, string Description, EscalationReason? ExpectedRule, int? ExpectedAt, IReadOnlyList<ScriptedMessage> Messages);

/// <summary>What the policy did with a script: the first rule that fired and at which customer message.</summary>
public sealed record ReplayOutcome(ScriptedConversation Script, EscalationReason? Rule, int? At, string? Why)
{
    public bool Right => At is not null && At == Script.ExpectedAt && Rule == Script.ExpectedRule;
}

/// <summary>
/// Replays scripted conversations through the escalation policy as the app runs it: each message goes through
/// the conversation domain with its real sentiment score, the rules look at it before the AI would answer, and
/// the script's annotation stands in for how the AI's turn went.
/// </summary>
public static class EscalationReplay
{
    /// <summary>
    /// A split of the scripts: "dev" (thresholds were chosen on it), "holdout" (tuned on after a first look) or
    /// "test" (never tuned on).
    /// </summary>
    public static IReadOnlyList<ScriptedConversation> Load(string split) =>
        Parse(EmbeddedText.TryRead(typeof(EscalationReplay), $"escalation-{split}.txt")
            ?? throw new ArgumentException($"No scripts \"{split}\"; the splits are dev, holdout and test.", nameof(split)));

    /// <summary>
    /// Reads "=== id | language | description", then "expect: none" or "expect: Rule @n", then "> message" lines,
    /// each optionally ending in one annotation: [no-answer], [tool-error], [risky:kind] or [provider-down].
    /// </summary>
    public static IReadOnlyList<ScriptedConversation> Parse(string text)
    {
        var scripts = new List<ScriptedConversation>();
        string[]? header = null;
        (EscalationReason? Rule, int? At) expected = (null, null);
        var messages = new List<ScriptedMessage>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("===", StringComparison.Ordinal))
            {
                Finish();
                header = line[3..].Split('|', StringSplitOptions.TrimEntries);
                expected = (null, null);
            }
            else if (line.StartsWith("expect:", StringComparison.Ordinal))
            {
                expected = ParseExpectation(line["expect:".Length..].Trim());
            }
            else if (line.StartsWith('>'))
            {
                messages.Add(ParseMessage(line[1..].Trim()));
            }
            else
            {
                throw new FormatException($"Not part of a script: \"{line}\".");
            }
        }
        Finish();
        return scripts;

        void Finish()
        {
            if (header is null)
            {
                return;
            }
            if (messages.Count == 0 || (expected.At is { } at && (at < 1 || at > messages.Count)))
            {
                throw new FormatException($"Script {header[0]} has no messages or expects a hand-off past its end.");
            }
            scripts.Add(new ScriptedConversation(header[0], header.ElementAtOrDefault(1) ?? "", header.ElementAtOrDefault(2) ?? "", expected.Rule, expected.At, messages));
            messages = [];
        }
    }

    public static ReplayOutcome Replay(EscalationPolicy policy, ISentimentModel sentiment, ScriptedConversation script)
    {
        var now = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var conversation = Conversation.Start(Channel.Api, LanguagePreference.Auto, "replay", now);
        for (var i = 0; i < script.Messages.Count; i++)
        {
            now = now.AddMinutes(1);
            var scripted = script.Messages[i];
            var previous = conversation.Messages.LastOrDefault(m => m.Author == Author.Customer)?.Sentiment;
            var message = conversation.ReceiveFromCustomer(scripted.Text, LanguageDetector.Detect(scripted.Text, conversation.Register),
                sentiment.Score(scripted.Text, previous).Score, now);
            if (policy.OnCustomerMessage(conversation, message) is { } before)
            {
                return new ReplayOutcome(script, before.Rule, i + 1, before.Why);
            }
            conversation.ReplyAsAssistant("(the assistant's answer)", [], now.AddSeconds(5));
            if (policy.AfterTurn(conversation, message, scripted.Turn) is { } after)
            {
                return new ReplayOutcome(script, after.Rule, i + 1, after.Why);
            }
        }
        return new ReplayOutcome(script, null, null, null);
    }

    private static (EscalationReason?, int?) ParseExpectation(string expectation)
    {
        if (expectation == "none")
        {
            return (null, null);
        }
        var parts = expectation.Split('@', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && Enum.TryParse<EscalationReason>(parts[0], out var rule) && int.TryParse(parts[1], out var at)
            ? (rule, at)
            : throw new FormatException($"\"expect: {expectation}\" is neither \"none\" nor \"Rule @n\".");
    }

    private static ScriptedMessage ParseMessage(string line)
    {
        if (!line.EndsWith(']'))
        {
            return new ScriptedMessage(line, TurnOutcome.Fine);
        }
        var open = line.LastIndexOf('[');
        var text = line[..open].TrimEnd();
        var annotation = line[(open + 1)..^1];
        var turn = annotation switch
        {
            "no-answer" => new TurnOutcome(false, "nothing in the help centre for it", false, []),
            "tool-error" => new TurnOutcome(false, "a lookup failed", false, []),
            "provider-down" => TurnOutcome.ProviderDown("the model did not answer"),
            _ when annotation.StartsWith("risky:", StringComparison.Ordinal)
                && Enum.TryParse<ActionKind>(annotation["risky:".Length..], ignoreCase: true, out var kind)
                => TurnOutcome.Fine with { Approvals = [new PendingApproval(kind, "MM240000", 2499m)] },
            _ => throw new FormatException($"Unknown annotation [{annotation}] on \"{text}\"."),
        };
        return new ScriptedMessage(text, turn);
    }
}

/// <summary>Replay results against the labels: precision and recall of hand-offs, overall and per rule.</summary>
public sealed class EscalationReport(IReadOnlyList<ReplayOutcome> outcomes)
{
    public IReadOnlyList<ReplayOutcome> Outcomes => outcomes;

    /// <summary>Hand-offs at the labelled message by the labelled rule, over all hand-offs made.</summary>
    public double Precision => Ratio(outcomes.Count(o => o.Right), outcomes.Count(o => o.At is not null));

    /// <summary>Labelled hand-offs made at that message by that rule, over all labelled hand-offs.</summary>
    public double Recall => Ratio(outcomes.Count(o => o.Right), outcomes.Count(o => o.Script.ExpectedAt is not null));

    /// <summary>Of the conversations labelled with <paramref name="rule"/>, the share handed over right by it.</summary>
    public (int Labelled, double Recall) RecallOf(EscalationReason rule)
    {
        var labelled = outcomes.Where(o => o.Script.ExpectedRule == rule).ToList();
        return (labelled.Count, Ratio(labelled.Count(o => o.Right), labelled.Count));
    }

    /// <summary>
    /// Of the conversations labelled with <paramref name="rule"/>, how many had a person by the labelled message,
    /// whichever rule brought them in: what the customer lives through, where <see cref="RecallOf"/> also asks that
    /// the policy got the moment and the reason exactly right.
    /// </summary>
    public (int Labelled, int InTime) PersonInTime(EscalationReason rule)
    {
        var labelled = outcomes.Where(o => o.Script.ExpectedRule == rule).ToList();
        return (labelled.Count, labelled.Count(o => o.At is not null && o.At <= o.Script.ExpectedAt));
    }

    /// <summary>Conversations no one should have been brought into, and how many were.</summary>
    public (int Labelled, int HandedOver) Unwarranted()
    {
        var calm = outcomes.Where(o => o.Script.ExpectedAt is null).ToList();
        return (calm.Count, calm.Count(o => o.At is not null));
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : part / (double)whole;
}
