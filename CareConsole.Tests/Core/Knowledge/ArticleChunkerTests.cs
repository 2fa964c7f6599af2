using CareConsole.Core.Knowledge;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class ArticleChunkerTests
{
    private static readonly KnowledgeArticle Article = KnowledgeBase.Parse("refunds", """
        ---
        title: Refunds
        category: Payments
        language: en
        tags: [refund]
        ---

        # Refunds

        Refunds go back the way you paid. The time it takes depends on
        the **payment method**; see [refund timelines](/help/refund-timelines).

        ## How long

        - UPI: 1–3 business days,
          counted from the day the refund starts.
        - Card: 5–7 business days.

        1. Open the order.
        2. Tap **Refund status**.
        """);

    [Fact]
    public void Chunk_SplitsAtSections_TitleFirst()
    {
        var chunks = ArticleChunker.Chunk(Article).ToList();

        Assert.Equal(["Refunds", "How long"], chunks.Select(c => c.Heading));
        Assert.All(chunks, c => Assert.Equal("en", c.Language));
    }

    [Fact]
    public void Chunk_HardWrappedParagraph_ReadsAsOneLineWithoutMarkdown()
    {
        var intro = ArticleChunker.Chunk(Article).First();

        Assert.Equal("Refunds go back the way you paid. The time it takes depends on the payment method; see refund timelines.", intro.Text);
    }

    [Fact]
    public void Chunk_ListItems_EachOnTheirOwnLine_WrappedItemsJoined()
    {
        var section = ArticleChunker.Chunk(Article).Last();

        Assert.Equal(
            ["• UPI: 1–3 business days, counted from the day the refund starts.", "• Card: 5–7 business days.", "1. Open the order.", "2. Tap Refund status."],
            section.Text.Split('\n'));
    }

    [Fact]
    public void Snippet_LongText_EndsOnASentenceNotMidWord()
    {
        var text = string.Join(' ', Enumerable.Repeat("Refunds reach a UPI account within three business days.", 10));

        var snippet = ArticleChunker.Snippet(text);

        Assert.InRange(snippet.Length, 160, 320);
        Assert.EndsWith("days.", snippet, StringComparison.Ordinal);
    }
}
