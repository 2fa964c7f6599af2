using System.Text.Json;
using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Knowledge.Evaluation;

/// <summary>A record of the Bitext customer-support set: a question, its answer and its intent.</summary>
public sealed record BitextRecord(string Id, string Intent, string Question, string Response);

public sealed record BitextQuestion(string Question, string Document);

/// <summary>Results on the Bitext set: the exact record, and any record of the same intent.</summary>
public sealed record BitextResult(RankingMetrics Exact, RankingMetrics SameIntent);

/// <summary>
/// Retrieval on a public corpus the product does not ship: the Bitext order-support records (near-duplicates of
/// each other within an intent) and questions generated from them, labelled with their record.
/// </summary>
public static class BitextEvaluation
{
    /// <summary>Field weights: the customer's own question in a record says more than the long templated reply.</summary>
    public static readonly IReadOnlyList<FieldSpec> Fields = [new("question", 2f, 0.5f), new("response", 1f, 0.75f)];

    // Long near-duplicate replies: a repeated word keeps adding weight for longer than in short articles.
    private const float K1 = 2.5f;

    // How deep the keyword and meaning rankings are read before they are fused.
    private const int Depth = 60;

    // Words seen fewer times than this in the corpus are not trusted as spellings: its own questions have typos.
    private const int TrustedFrequency = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (IReadOnlyList<BitextRecord> Records, IReadOnlyList<BitextQuestion> Questions) Load(string folder)
    {
        using var documents = File.OpenRead(Path.Combine(folder, "documents.json"));
        var records = JsonSerializer.Deserialize<List<BitextRecord>>(documents, Json)
            ?? throw new InvalidDataException("documents.json is empty.");
        var questions = Csv.Read(File.ReadAllText(Path.Combine(folder, "questions-dev.csv")))
            .Skip(1)
            .Where(row => row.Count >= 3)
            .Select(row => new BitextQuestion(row[0], row[2]))
            .ToList();
        return (records, questions);
    }

    /// <summary>
    /// The questions split in two halves, every other one: settings are chosen on <c>Tuning</c>, and figures are
    /// reported on <c>HeldOut</c>, which no setting was chosen on.
    /// </summary>
    public static (IReadOnlyList<BitextQuestion> Tuning, IReadOnlyList<BitextQuestion> HeldOut) Halves(IReadOnlyList<BitextQuestion> questions) =>
        (questions.Where((_, i) => i % 2 == 0).ToList(), questions.Where((_, i) => i % 2 == 1).ToList());

    public static async Task<BitextResult> RunAsync(IReadOnlyList<BitextRecord> records, IReadOnlyList<BitextQuestion> questions,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings, CancellationToken cancellationToken)
    {
        var spelling = new SpellingCorrector(TextAnalyzer.WordFrequencies(records.SelectMany(r => new[] { r.Question, r.Response })), TrustedFrequency);
        using var index = new GroupedIndex(Fields, records.Select(r => (IReadOnlyList<string>)[r.Question, r.Response]).ToList(),
            records.Select(r => r.Intent).ToList(), TextAnalyzer.Plain.ForIndexing(spelling), K1);
        VectorIndex? vectors = null;
        GeneratedEmbeddings<Embedding<float>> questionVectors = [];
        if (embeddings is not null)
        {
            var recordVectors = await embeddings.GenerateAsync(records.Select(r => $"{r.Question}\n{r.Response}"), cancellationToken: cancellationToken);
            vectors = new VectorIndex([.. recordVectors.Select(v => v.Vector)]);
            questionVectors = await embeddings.GenerateAsync(questions.Select(q => q.Question), cancellationToken: cancellationToken);
        }
        RankingMetrics exact = new(), sameIntent = new();
        var intentOf = records.ToDictionary(r => r.Id, r => r.Intent);
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            // The records are not MelaMart's: no help-centre synonyms.
            var meaning = vectors?.Search(questionVectors[q].Vector, Depth);
            IReadOnlyList<ScoredDocument> ranking = index.Search(TextAnalyzer.Plain.QueryTerms(question.Question, spelling), Depth, meaning);
            if (meaning is not null)
            {
                ranking = RankFusion.Fuse([ranking, meaning], Depth);
            }
            var top = ranking.Take(10).Select(hit => records[hit.Document]).ToList();
            var exactRank = top.FindIndex(r => r.Id == question.Document);
            exact.Add(exactRank < 0 ? null : exactRank + 1);
            var intentRank = top.FindIndex(r => r.Intent == intentOf.GetValueOrDefault(question.Document));
            sameIntent.Add(intentRank < 0 ? null : intentRank + 1);
        }
        return new BitextResult(exact, sameIntent);
    }
}

/// <summary>RFC 4180 CSV: commas, quoted fields with doubled quotes and line breaks inside.</summary>
internal static class Csv
{
    public static List<List<string>> Read(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
