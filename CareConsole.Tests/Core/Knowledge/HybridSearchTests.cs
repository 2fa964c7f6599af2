using CareConsole.Core;
using CareConsole.Core.Agent.Models;
using CareConsole.Core.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Core.Knowledge;

/// <summary>The shipped help centre searched as the console does by default: keywords fused with local MiniLM embeddings.</summary>
public sealed class HybridSearchTests
{
    private static readonly Lazy<Task<(KnowledgeLibrary Library, HelpCentreIndex Keywords)>> HelpCentre = new(async () =>
    {
        var library = new KnowledgeLibrary(Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "knowledge"),
            NullLogger<KnowledgeLibrary>.Instance, new MiniLmEmbeddingGenerator());
        var keywords = library.Current;
        await library.RefreshAsync(CancellationToken.None);
        return (library, keywords);
    });

    [Theory]
    [InlineData("how many days does a refund take?", "refund-timelines")]
    [InlineData("refund kitne din mein aata hai?", "refund-timelines.hinglish")]
    [InlineData("रिफंड कितने दिन में आता है?", "refund-timelines.hi")]
    public async Task RefundQuestion_InEachLanguage_ReachesRefundTimelinesFirst_WithThePassageThatAnswers(string question, string article)
    {
        var (library, _) = await HelpCentre.Value;

        var first = (await library.SearchAsync(question, 5, TestContext.Current.CancellationToken))[0];

        Assert.Equal(article, first.ArticleId);
        // The section with the timelines, not the article's opening.
        Assert.Contains("1–3", first.Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the thing I bought arrived smashed", "damaged-or-defective-item")]
    [InlineData("i want to speak to someone", "talk-to-a-person")]
    public async Task Paraphrase_SharingNoKeyWordWithTheArticle_IsFoundByMeaning(string question, string article)
    {
        var (library, keywords) = await HelpCentre.Value;

        var hybrid = await library.SearchAsync(question, 3, TestContext.Current.CancellationToken);

        Assert.True(library.Current.IsHybrid);
        Assert.Equal(article, hybrid[0].ArticleId);
        Assert.NotEqual(article, keywords.Search(question, 3)[0].ArticleId);
    }

    [Fact]
    public async Task ClearKeywordMatch_IsNotOutvoted_WhenEveryArticleIsAboutAsCloseInMeaning()
    {
        var (library, keywords) = await HelpCentre.Value;
        // MiniLM finds every delivery article much alike for this; the words point at missed deliveries.
        const string question = "i missed the delivery guy yesterday";

        var hybrid = await library.SearchAsync(question, 3, TestContext.Current.CancellationToken);

        Assert.Equal("missed-delivery", keywords.Search(question, 3)[0].ArticleId);
        Assert.Equal("missed-delivery", hybrid[0].ArticleId);
    }

    [Theory]
    [InlineData("mera parcel abhi tak nahi aaya")]
    [InlineData("मेरा पार्सल अभी तक नहीं आया")]
    public async Task HinglishOrHindiQuestion_StaysOnKeywords_TheEnglishOnlyModelIsNotAsked(string question)
    {
        var (library, keywords) = await HelpCentre.Value;

        var hybrid = await library.SearchAsync(question, 5, TestContext.Current.CancellationToken);

        Assert.Equal(keywords.Search(question, 5).Select(h => h.ArticleId), hybrid.Select(h => h.ArticleId));
    }

    [Fact]
    public async Task QuestionTheHelpCentreDoesNotCover_MeaningAloneBringsNothingIn()
    {
        var (library, _) = await HelpCentre.Value;

        Assert.Empty(await library.SearchAsync("asdf qwerty zxcv", 5, TestContext.Current.CancellationToken));
    }
}
