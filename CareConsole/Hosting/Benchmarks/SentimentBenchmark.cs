using System.Diagnostics;
using System.Globalization;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench sentiment</c>: messages scored per second on one thread (one core), the labelled support messages over and
/// over, for the rules alone, the trained classifier alone (ONNX Runtime) and the two together as the console runs them.
/// </summary>
internal static class SentimentBenchmark
{
    public static int Run(int seconds)
    {
        var messages = (string[])["train", "dev", "holdout", "test"];
        var texts = messages.SelectMany(SentimentEvaluation.Load).Select(m => m.Text).ToArray();
        var trained = TrainedSentimentModel.Default;
        var models = new (string Name, Func<string, double> Score)[]
        {
            ("rules alone (lexicon)", text => LexiconSentimentModel.Default.Score(text).Score),
            ("classifier alone (ONNX Runtime)", text => trained.Probabilities(text)[0]),
            ("the console's model (classifier + rules)", text => trained.Score(text).Score),
        };
        Console.WriteLine($"Sentiment on one thread: {texts.Length} labelled messages (mean {texts.Average(t => t.Length):0} characters), {seconds} s each after a warm-up.");
        Console.WriteLine("| model | messages/s | p50 | p99 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, score) in models)
        {
            foreach (var text in texts)
            {
                score(text);
            }
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            var count = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                score(texts[count % texts.Length]);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                count++;
            }
            var rate = count / clock.Elapsed.TotalSeconds;
            var p = Percentiles.Of(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {rate:#,0} | {p.Median:0} µs | {p.P99:0} µs |"));
        }
        return 0;
    }
}
