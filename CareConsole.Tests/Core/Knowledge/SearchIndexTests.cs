using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Text;
using Lucene.Net.Analysis;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class SearchIndexTests
{
    private static readonly IReadOnlyList<FieldSpec> TitleAndBody = [new("title", 3f), new("body", 1f)];

    private static readonly Analyzer Analysis = TextAnalyzer.Indexing;

    private static LexicalIndex Indexed(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        var index = new LexicalIndex(TitleAndBody, Analysis);
        index.Publish(documents.Select((fields, id) => new IndexedDocument(id, fields)).ToList());
        return index;
    }

    [Fact]
    public void Search_WordInTitle_OutranksTheSameWordInBody()
    {
        using var index = Indexed(
        [
            ["Payment methods", "You can pay by card, and refunds are covered elsewhere."],
            ["Refund timelines", "How long money takes to come back."],
        ]);

        var ranking = index.Search(TextAnalyzer.Plain.QueryTerms("refund"), 2);

        Assert.Equal([1, 0], ranking.Select(r => r.Document));
    }

    [Fact]
    public void Search_RareWordOutweighsCommonOnes()
    {
        using var index = Indexed(
        [
            ["Orders", "order order order status"],
            ["Orders", "order status"],
            ["Orders", "order gift card"],
        ]);

        var ranking = index.Search(TextAnalyzer.Plain.QueryTerms("order gift"), 3);

        Assert.Equal(2, ranking[0].Document);
    }

    [Fact]
    public void Search_NothingMatches_ReturnsNothing()
    {
        using var index = Indexed([["Refunds", "money back"]]);

        Assert.Empty(index.Search(TextAnalyzer.Plain.QueryTerms("warranty"), 5));
        Assert.Empty(index.Search([], 5));
    }

    [Fact]
    public async Task Search_FromManyThreadsAtOnce_GivesTheSameAnswers()
    {
        var documents = Enumerable.Range(0, 500).Select(i => (IReadOnlyList<string>)[$"title {i}", $"word{i % 7} common body {i}"]).ToList();
        using var index = Indexed(documents);
        var terms = TextAnalyzer.Plain.QueryTerms("word3 common");
        var expected = index.Search(terms, 10);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => index.Search(terms, 10), TestContext.Current.CancellationToken)));

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void Publish_Again_RemovesWhatWentAddsWhatCameAndKeepsTheRest()
    {
        using var index = Indexed([["Refunds", "money back to the card"], ["Warranty", "repairs for a year"]]);

        index.Publish([new(1, ["Warranty", "repairs for a year"]), new(7, ["Gift cards", "vouchers and balances"])]);

        Assert.Equal(2, index.Count);
        Assert.Empty(index.Search(TextAnalyzer.Plain.QueryTerms("refund"), 5));
        Assert.Equal([1], index.Search(TextAnalyzer.Plain.QueryTerms("warranty"), 5).Select(h => h.Document));
        Assert.Equal([7], index.Search(TextAnalyzer.Plain.QueryTerms("voucher"), 5).Select(h => h.Document));
        Assert.False(index.Contains("refund"));
    }

    [Fact]
    public async Task Search_WhileTheIndexIsPublishedAgainAndAgain_AlwaysFindsTheDocumentThatStays()
    {
        using var index = Indexed([["Warranty", "repairs for a year"]]);
        var terms = TextAnalyzer.Plain.QueryTerms("warranty repairs");
        using var done = new CancellationTokenSource();

        var publisher = Task.Run(() =>
        {
            for (var round = 0; round < 200; round++)
            {
                index.Publish([new(0, ["Warranty", "repairs for a year"]), new(round + 1, [$"Notice {round}", "warranty card kept safe"])]);
            }
            done.Cancel();
        }, TestContext.Current.CancellationToken);
        do
        {
            Assert.Equal(0, index.Search(terms, 1).Single().Document);
        }
        while (!done.IsCancellationRequested);
        await publisher;
    }

    [Fact]
    public void VectorSearch_RanksByCosine()
    {
        float[] east = [1, 0], northEast = [0.7f, 0.7f], north = [0, 1];
        var vectors = new VectorIndex([east, northEast, north]);

        float[] query = [0, 2];

        var ranking = vectors.Search(query, 3);

        Assert.Equal([2, 1, 0], ranking.Select(r => r.Document));
        Assert.Equal(1f, ranking[0].Score, 3);
    }

    [Fact]
    public void Fuse_DocumentHighInBothRankings_WinsOverOneHighInOnlyOne()
    {
        ScoredDocument[] keywords = [new(1, 9), new(2, 8), new(3, 7)];
        ScoredDocument[] meaning = [new(4, 0.9f), new(2, 0.8f), new(5, 0.1f)];

        var fused = RankFusion.Fuse([keywords, meaning], 4);

        Assert.Equal(2, fused[0].Document);
    }

    [Fact]
    public void GroupedSearch_BestMatchesAgreeOnAGroup_ThatGroupComesFirst()
    {
        IReadOnlyList<IReadOnlyList<string>> documents =
        [
            ["cancel order", "to cancel an order open my orders"],
            ["cancel purchase", "cancel the purchase from the orders page"],
            ["track order", "track an order from the orders page"],
            ["cancel order now", "cancel before it ships"],
        ];
        using var index = new GroupedIndex(TitleAndBody, documents, ["cancel", "cancel", "track", "cancel"], Analysis);

        var ranking = index.Search(TextAnalyzer.Plain.QueryTerms("cancel order page"), 4);

        Assert.Equal(["cancel", "cancel", "cancel", "track"], ranking.Select(r => r.Document switch { 2 => "track", _ => "cancel" }));
    }

    [Fact]
    public void GroupedSearch_WordsLeaningToOneGroup_GoToTheGroupTheQuestionMeans()
    {
        IReadOnlyList<IReadOnlyList<string>> documents =
        [
            ["my order", "track the order"],
            ["my order", "where it is now"],
            ["my order", "stop it before it ships"],
            ["my order", "call it off"],
        ];
        string[] groups = ["track", "track", "cancel", "cancel"];
        using var index = new GroupedIndex(TitleAndBody, documents, groups, Analysis);
        var terms = TextAnalyzer.Plain.QueryTerms("that order of mine, no longer needed");
        // What an embedding model says: the question means calling the order off.
        ScoredDocument[] meaning = [new(3, 0.71f), new(2, 0.64f), new(1, 0.20f), new(0, 0.15f)];

        var byWords = index.Search(terms, 4);
        var byWordsAndMeaning = index.Search(terms, 4, meaning);

        Assert.Equal("track", groups[byWords[0].Document]);
        Assert.Equal(["cancel", "cancel"], byWordsAndMeaning.Take(2).Select(hit => groups[hit.Document]));
    }
}
