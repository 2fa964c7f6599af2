using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Escalations.Evaluation;
using CareConsole.Core.Sentiment;

namespace CareConsole.Hosting.Evaluation;

/// <summary>The default escalation policy replayed over the scripted conversations, against their labels.</summary>
internal static class EscalationReplayReport
{
    private static readonly (string Half, string Use)[] Halves =
    [
        ("dev", "thresholds chosen on it"),
        ("holdout", "tuned on after a first look"),
        ("test", "never tuned on"),
    ];

    public static void Print()
    {
        var policy = new EscalationPolicy(new EscalationSettings());
        Console.WriteLine("Escalation rules replayed over scripted conversations (default settings)");
        Console.WriteLine("A hand-off counts as right at the labelled customer message by the labelled rule.");
        Console.WriteLine("Requests for a person: handed over right (that message, that rule) / a person there by that message.");
        Console.WriteLine("| split | use | conversations | precision | recall | requests for a person | hand-offs nobody needed |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var everything = new List<ReplayOutcome>();
        foreach (var (half, use) in Halves)
        {
            var outcomes = EscalationReplay.Load(half).Select(script => EscalationReplay.Replay(policy, TrainedSentimentModel.Default, script)).ToList();
            everything.AddRange(outcomes);
            Row(half, use, new EscalationReport(outcomes));
        }
        var all = new EscalationReport(everything);
        Row("all", "", all);
        Console.WriteLine();

        Console.WriteLine("| rule (all splits) | labelled | recall | a person by the labelled message |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var rule in Enum.GetValues<EscalationReason>())
        {
            var (labelled, recall) = all.RecallOf(rule);
            if (labelled > 0)
            {
                Console.WriteLine(Invariant($"| {rule} | {labelled} | {recall:0.000} | {all.PersonInTime(rule).InTime}/{labelled} |"));
            }
        }
        Console.WriteLine();

        var wrong = everything.Where(o => !o.Right && (o.At is not null || o.Script.ExpectedAt is not null)).ToList();
        Console.WriteLine($"Disagreements ({wrong.Count}):");
        foreach (var outcome in wrong)
        {
            var expected = outcome.Script.ExpectedRule is { } rule ? $"{rule} at {outcome.Script.ExpectedAt}" : "no hand-off";
            var got = outcome.Rule is { } fired ? $"{fired} at {outcome.At} ({outcome.Why})" : "no hand-off";
            Console.WriteLine($"  {outcome.Script.Id} [{outcome.Script.Language}] {outcome.Script.Description}: labelled {expected}, replay {got}");
        }
    }

    private static void Row(string half, string use, EscalationReport report)
    {
        var (requests, recall) = report.RecallOf(EscalationReason.CustomerRequest);
        var inTime = report.PersonInTime(EscalationReason.CustomerRequest).InTime;
        var (calm, handedOver) = report.Unwarranted();
        Console.WriteLine(Invariant(
            $"| {half} | {use} | {report.Outcomes.Count} | {report.Precision:0.000} | {report.Recall:0.000} | {recall * requests:0}/{requests} right, {inTime}/{requests} in time | {handedOver}/{calm} |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
