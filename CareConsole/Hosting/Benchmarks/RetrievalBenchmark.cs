using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CareConsole.Core;
using CareConsole.Core.Agent.Models;
using CareConsole.Core.Data.Embedded;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Knowledge.Evaluation;
using CareConsole.Core.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench retrieval</c>: the in-process index against PostgreSQL full-text search on the same corpus and the same
/// questions, at 1k, 10k and 100k sections. The corpus is the real help centre plus synthetic sections made of
/// sentences drawn from it (so word statistics stay realistic); the questions are the labelled set, so the right
/// answer is always a real article and the synthetic sections are noise it must beat.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static partial class RetrievalBenchmark
{
    private const int Repeats = 5;

    // Passes over the questions before timing: .NET compiles a method quickly first and again, optimised, only after
    // it has been called a number of times, and a console that has been running answers from the optimised code.
    // With one pass, the timed passes still ran partly unoptimised (p50 0.67 ms at 1k sections against 0.23-0.31 ms
    // with everything compiled optimised at once, p99 7.2 against 2.8 ms).
    private const int WarmUpPasses = 5;
    private const int PostgresRepeats = 2;

    // Embedding the sections takes about 5 ms each on one core: the hybrid is measured up to 10k sections.
    private const int HybridUpTo = 10_000;
    private const int HybridRepeats = 2;
    private const int Seed = 4242;

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        var root = RepositoryLayout.RootFrom(Directory.GetCurrentDirectory());
        var knowledge = KnowledgeBase.Load(Path.Combine(root, "knowledge"));
        var real = new HelpCentreIndex(knowledge).Chunks;
        var questions = HelpCentreEvaluation.LoadQuestions();

        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        var bin = PostgresBinaries.Locate(null) ?? throw new InvalidOperationException(PostgresBinaries.InstallHint);
        await using var postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(Path.Combine(folder, "data"), bin, Durable: false),
            mayShare: false, NullLogger.Instance, CancellationToken.None);
        try
        {
            Console.WriteLine($"Retrieval over {questions.Count} labelled questions; corpus = {real.Count} real sections + synthetic ones.");
            Console.WriteLine("| sections | engine | build | memory | p50 | p99 | hit@5 |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var corpus = Grow(real, size);
                await InProcessAsync(knowledge, corpus, questions);
                await PostgresAsync(postgres.ConnectionString("postgres"), corpus, questions);
            }
            return 0;
        }
        finally
        {
            await postgres.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task InProcessAsync(KnowledgeBase knowledge, List<KnowledgeChunk> corpus, IReadOnlyList<LabelledQuestion> questions)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = new HelpCentreIndex(knowledge, corpus);
        var build = clock.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;

        var hits = questions.Count(q => index.Search(q.Question, 5).Any(h => q.Articles.Contains(h.ArticleId)));
        for (var pass = 1; pass < WarmUpPasses; pass++)
        {
            foreach (var question in questions)
            {
                index.Search(question.Question, 5);
            }
        }
        // The build's garbage is collected before timing: the console builds its index at start, not while answering.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var latencies = new List<double>();
        var (allocated, collections) = (GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0));
        for (var r = 0; r < Repeats; r++)
        {
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                index.Search(question.Question, 5);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        // What the slowest searches are made of: most of them are the ones a garbage collection lands in.
        var garbage = (GC.GetAllocatedBytesForCurrentThread() - allocated) / latencies.Count / 1024.0;
        collections = GC.CollectionCount(0) - collections;
        Row(corpus.Count, "Lucene.Net, keywords", build, memory, latencies, hits / (double)questions.Count);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ({corpus.Count:N0} sections, keywords: {garbage:F0} KB allocated per search, {collections} collections in {latencies.Count} searches)"));
        if (corpus.Count > HybridUpTo)
        {
            return;
        }

        // Every question is embedded afresh (nothing remembered), as a new customer's question would be.
        using var model = new MiniLmEmbeddingGenerator(remember: false);
        clock.Restart();
        var sections = await model.GenerateAsync(corpus.Select(KnowledgeLibrary.EmbeddingText));
        var hybrid = index.WithVectors(new VectorIndex([.. sections.Select(s => s.Vector)]));
        var embedBuild = clock.Elapsed;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // As the console searches: English questions with their embedding, Hindi and Hinglish ones by keywords.
        var hybridHits = 0;
        var hybridLatencies = new List<double>();
        for (var r = 0; r < HybridRepeats; r++)
        {
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                var embedded = KnowledgeLibrary.ReadsMeaningOf(model, question.Question);
                var found = embedded
                    ? hybrid.Search(question.Question, 5, await model.GenerateVectorAsync(question.Question))
                    : hybrid.Search(question.Question, 5);
                if (embedded)
                {
                    hybridLatencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                hybridHits += r == 0 && found.Any(h => question.Articles.Contains(h.ArticleId)) ? 1 : 0;
            }
        }
        Row(corpus.Count, "Lucene.Net + MiniLM (p50/p99: English questions, embedded each time)", build + embedBuild, memory + (long)sections.Count * MiniLmEmbeddingGenerator.Dimensions * sizeof(float),
            hybridLatencies, hybridHits / (double)questions.Count);
        GC.KeepAlive(index);
    }

    /// <summary>
    /// The same sections in a table with a weighted tsvector (title A, heading B, tags C, text D) and a GIN index;
    /// questions become an OR of their words, ranked with ts_rank, one row per article.
    /// </summary>
    private static async Task PostgresAsync(string serverConnection, List<KnowledgeChunk> corpus, IReadOnlyList<LabelledQuestion> questions)
    {
        var database = $"bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();

        var clock = Stopwatch.StartNew();
        await Execute(connection, "CREATE TABLE sections (id int PRIMARY KEY, article text NOT NULL, title text, heading text, tags text, body text, search tsvector)");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY sections (id, article, title, heading, tags, body) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < corpus.Count; i++)
            {
                var chunk = corpus[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlDbType.Integer);
                await copy.WriteAsync(chunk.ArticleId, NpgsqlDbType.Text);
                await copy.WriteAsync(chunk.ArticleTitle, NpgsqlDbType.Text);
                await copy.WriteAsync(chunk.Heading, NpgsqlDbType.Text);
                await copy.WriteAsync(string.Join(' ', chunk.Tags), NpgsqlDbType.Text);
                await copy.WriteAsync(chunk.Text, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await Execute(connection, """
            UPDATE sections SET search =
                setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
                setweight(to_tsvector('english', coalesce(tags, '')), 'C') ||
                setweight(to_tsvector('english', coalesce(body, '')), 'D')
            """);
        await Execute(connection, "CREATE INDEX sections_search ON sections USING gin (search)");
        await Execute(connection, "VACUUM ANALYZE sections");
        var build = clock.Elapsed;
        long size;
        await using (var sizeQuery = new NpgsqlCommand("SELECT pg_total_relation_size('sections')", connection))
        {
            size = (long)(await sizeQuery.ExecuteScalarAsync())!;
        }

        const string Sql = """
            SELECT article FROM (
                SELECT article, max(ts_rank(search, query)) AS rank
                FROM sections, to_tsquery('english', $1) query
                WHERE search @@ query
                GROUP BY article
            ) ranked ORDER BY rank DESC LIMIT 5
            """;
        await using var search = new NpgsqlCommand(Sql, connection) { Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Text } } };
        await search.PrepareAsync();

        var hits = 0;
        var latencies = new List<double>();
        for (var r = 0; r < PostgresRepeats; r++)
        {
            foreach (var question in questions)
            {
                search.Parameters[0].Value = OrQuery(question.Question);
                var start = Stopwatch.GetTimestamp();
                var articles = new List<string>();
                await using (var reader = await search.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        articles.Add(reader.GetString(0));
                    }
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (r == 0 && articles.Any(question.Articles.Contains))
                {
                    hits++;
                }
            }
        }
        Row(corpus.Count, "PostgreSQL FTS (GIN)", build, size, latencies, hits / (double)questions.Count);
        await connection.CloseAsync();
        NpgsqlConnection.ClearAllPools();
        await using var drop = new NpgsqlConnection(serverConnection);
        await drop.OpenAsync();
        await Execute(drop, $"DROP DATABASE {database} WITH (FORCE)");
    }

    /// <summary>A question's words joined with OR: "&amp;" (websearch or plainto) would demand every word and find nothing.</summary>
    private static string OrQuery(string question)
    {
        // Each word quoted as a lexeme, so no character of a question is read as tsquery syntax.
        var words = Word().Matches(question.ToLowerInvariant()).Select(m => $"'{m.Value}'").Distinct().ToList();
        return words.Count == 0 ? "'-'" : string.Join(" | ", words);
    }

    /// <summary>The real sections, then synthetic ones of sentences from random real sections, to reach <paramref name="size"/>.</summary>
    private static List<KnowledgeChunk> Grow(IReadOnlyList<KnowledgeChunk> real, int size)
    {
        var random = new Random(Seed);
        var sentences = real.SelectMany(c => Sentence().Split(c.Text)).Where(s => s.Length > 20).ToArray();
        var corpus = new List<KnowledgeChunk>(size);
        corpus.AddRange(real.Take(size));
        for (var n = corpus.Count; n < size; n++)
        {
            var template = real[random.Next(real.Count)];
            var text = string.Join(' ', Enumerable.Range(0, random.Next(3, 8)).Select(_ => sentences[random.Next(sentences.Length)]));
            corpus.Add(template with { ArticleId = $"synthetic-{n}", Text = text });
        }
        return corpus;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static void Row(int sections, string engine, TimeSpan build, long bytes, List<double> latencies, double hitAt5)
    {
        var p = Percentiles.Of(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {sections:N0} | {engine} | {build.TotalSeconds:0.00} s | {bytes / 1024d / 1024d:0.0} MB | {p.Median:0.000} ms | {p.P99:0.000} ms | {hitAt5:0.000} |"));
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=[.!?।])\s+|\n+")]
    private static partial Regex Sentence();
}
