using System.Diagnostics;
using System.Globalization;
using CareConsole.Core;
using CareConsole.Core.Agent.Models;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Hosting.Evaluation;

/// <summary>
/// <c>eval retrieval|sentiment|escalation|conversations</c>: how well search, sentiment, the escalation rules and whole
/// conversations do on labelled data, as tables.
/// </summary>
internal static class EvalCommand
{
    private const string Usage = """
        Usage:
          eval retrieval [--knowledge <folder>] [--bitext <folder>] [--misses]
          eval sentiment       accuracy, macro-F1 and confusion on the labelled support messages
          eval escalation      precision and recall of the escalation rules replayed over scripted conversations
          eval conversations [--transcripts]
                               whole customer conversations played through the console and scored; exits 1 when a
                               money or account change goes wrong; --transcripts also prints those that passed
        Defaults: the checkout's knowledge/ folder, and ../shared/bench-data/bitext beside the checkout; --misses lists
        the help-centre questions whose first hit is not a right article.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["sentiment"]:
                SentimentReport.Print();
                return 0;
            case ["escalation"]:
                EscalationReplayReport.Print();
                return 0;
            case ["conversations"]:
                return await ConversationReport.RunAsync(everyTranscript: false);
            case ["conversations", "--transcripts"]:
                return await ConversationReport.RunAsync(everyTranscript: true);
        }
        var misses = args.Contains("--misses");
        if (args.Where(arg => arg != "--misses").ToArray() is not ["retrieval", .. var options] || options.Length % 2 != 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var root = RepositoryLayout.RootFrom(Directory.GetCurrentDirectory());
        var knowledge = Path.Combine(root, "knowledge");
        var bitext = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench-data", "bitext"));
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--knowledge":
                    knowledge = Path.GetFullPath(options[i + 1]);
                    break;
                case "--bitext":
                    bitext = Path.GetFullPath(options[i + 1]);
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var questions = HelpCentreEvaluation.LoadQuestions();
        // Section vectors are kept between runs, as the console keeps them: a second run does not embed them again.
        using var library = new KnowledgeLibrary(knowledge, NullLogger<KnowledgeLibrary>.Instance, new MiniLmEmbeddingGenerator(),
            SectionVectorFile.For(Path.Combine(Path.GetTempPath(), "careconsole-eval"), MiniLmEmbeddingGenerator.ModelName));
        var keywords = library.Current;
        await library.RefreshAsync(CancellationToken.None);
        Console.WriteLine($"Help centre: {keywords.Knowledge.Articles.Count} articles, {keywords.Chunks.Count} sections; {questions.Count} labelled questions");
        Console.WriteLine("| questions | search | n | hit@1 | hit@5 | MRR@10 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, index) in new (string, IKnowledgeIndex)[] { ("keywords", keywords), ("keywords + local embeddings", library) })
        {
            var (all, latin, devanagari) = await HelpCentreEvaluation.RunAsync(index, questions, CancellationToken.None);
            Row("all", name, all);
            Row("Latin script (English, Hinglish)", name, latin);
            Row("Devanagari", name, devanagari);
        }
        if (misses)
        {
            foreach (var (question, found) in await HelpCentreEvaluation.MissesAsync(library, questions, CancellationToken.None))
            {
                Console.WriteLine($"miss: {question.Question} | wanted {string.Join(" or ", question.Articles)} | got {(found.Count == 0 ? "nothing" : string.Join(", ", found))}");
            }
        }
        var (asked, answered) = await HelpCentreEvaluation.HowLongAsync(library, questions, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Questions asking how long: {answered} of {asked} ({(double)answered / Math.Max(1, asked):0.000}) get a right article's section stating a time first."));
        Console.WriteLine();

        if (!File.Exists(Path.Combine(bitext, "documents.json")))
        {
            Console.WriteLine($"Bitext set not found in {bitext}; pass --bitext <folder> to include it.");
            return 0;
        }
        var (records, bitextQuestions) = BitextEvaluation.Load(bitext);
        var (tuning, heldOut) = BitextEvaluation.Halves(bitextQuestions);
        var tuned = await BitextEvaluation.RunAsync(records, tuning, new MiniLmEmbeddingGenerator(), CancellationToken.None);
        var result = await BitextEvaluation.RunAsync(records, heldOut, new MiniLmEmbeddingGenerator(), CancellationToken.None);
        Console.WriteLine($"Bitext (dev split): {records.Count} records, {bitextQuestions.Count} questions; settings chosen on every other question, "
            + $"figures on the other {heldOut.Count}");
        Console.WriteLine("| target | hit@1 | hit@5 | MRR@5 |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Line("exact record", result.Exact));
        Console.WriteLine(Line("same intent", result.SameIntent));
        Console.WriteLine();
        Console.WriteLine($"(on the {tuning.Count} questions the settings were chosen on: {Line("exact record", tuned.Exact)} {Line("same intent", tuned.SameIntent)})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({clock.Elapsed.TotalSeconds:0.0} s)"));
        return 0;

        static void Row(string name, string search, RankingMetrics metrics) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {search} | {metrics.Count} | {metrics.HitAt(1):0.000} | {metrics.HitAt(5):0.000} | {metrics.MrrAt(10):0.000} |"));

        static string Line(string name, RankingMetrics metrics) =>
            string.Create(CultureInfo.InvariantCulture, $"| {name} | {metrics.HitAt(1):0.000} | {metrics.HitAt(5):0.000} | {metrics.MrrAt(5):0.000} |");
    }
}
