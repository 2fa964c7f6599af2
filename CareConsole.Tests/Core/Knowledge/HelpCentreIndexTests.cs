using CareConsole.Core;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Knowledge.Evaluation;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class HelpCentreIndexTests
{
    private static readonly Lazy<HelpCentreIndex> HelpCentre = new(() =>
        new HelpCentreIndex(KnowledgeBase.Load(Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "knowledge"))));

    [Fact]
    public void Search_CustomerQuestion_FirstHitsSectionStatesTheAnswer()
    {
        var hits = HelpCentre.Value.Search("how many days for refund to my upi", 5);

        // Two articles answer it (the UPI article has its own refund section); either must show the answer.
        Assert.Contains(hits[0].ArticleId, (string[])["refund-timelines", "pay-with-upi"]);
        Assert.Contains("1–3", hits[0].Snippet, StringComparison.Ordinal);
        Assert.Equal($"/help/{hits[0].ArticleId}", hits[0].Url);
        Assert.Contains(hits.Take(2), h => h.ArticleId == "refund-timelines");
    }

    [Fact]
    public void Search_SeveralSectionsOfOneArticleMatch_TheArticleAppearsOnce()
    {
        var hits = HelpCentre.Value.Search("refund refund timelines upi card net banking wallet", 10);

        Assert.Equal(hits.Count, hits.Select(h => h.ArticleId).Distinct().Count());
    }

    [Fact]
    public void Search_QuestionInDevanagari_PrefersTheHindiArticle()
    {
        var hits = HelpCentre.Value.Search("रिफंड कितने दिन में आता है", 5);

        Assert.Equal("hi", hits[0].Language);
        Assert.StartsWith("refund-timelines", hits[0].ArticleId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refund UPI mein kitne din mein aata hai?")]
    [InlineData("how long does a UPI refund take")]
    public void Search_HinglishPreferred_HinglishOrEnglishQuestion_AnswersFromTheHinglishArticle(string question)
    {
        var hits = HelpCentre.Value.Search(question, 5, preferredLanguage: ArticleLanguage.Hinglish);

        Assert.Equal("refund-timelines.hinglish", hits[0].ArticleId);
        Assert.Equal(ArticleLanguage.Hinglish, hits[0].Language);
        Assert.Contains("1–3", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return window kitne din ki hai?")]
    [InlineData("return window for fashion")]
    public void Search_HinglishPreferred_ReturnWindow_ShowsTheWindowsInHinglish(string question)
    {
        var hits = HelpCentre.Value.Search(question, 5, preferredLanguage: ArticleLanguage.Hinglish);

        Assert.Equal("returns-policy.hinglish", hits[0].ArticleId);
        Assert.Contains("7 din", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how long does a UPI refund take", "1–3")]
    [InlineData("return window kitne din ki hai?", "7 दिन")]
    public void Search_HindiPreferred_LatinQuestion_ShowsTheHindiSectionWithTheSameFacts(string question, string fact)
    {
        var hits = HelpCentre.Value.Search(question, 5, preferredLanguage: ArticleLanguage.Hindi);

        Assert.Equal(ArticleLanguage.Hindi, hits[0].Language);
        Assert.Contains(hits[0].Snippet, c => c is >= '\u0900' and <= '\u097F');
        Assert.Contains(fact, hits[0].Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how long does a UPI refund take")]
    [InlineData("refund UPI mein kitne din mein aata hai?")]
    public void Search_EnglishPreferred_AnswersFromTheEnglishArticle(string question)
    {
        var hits = HelpCentre.Value.Search(question, 5, preferredLanguage: ArticleLanguage.English);

        Assert.Contains(hits[0].ArticleId, (string[])["refund-timelines", "pay-with-upi"]);
        Assert.Contains("1–3", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_EnglishPreferred_DevanagariQuestion_AnswersFromTheEnglishArticle()
    {
        var hits = HelpCentre.Value.Search("UPI में रिफंड कितने दिन में आएगा", 5, preferredLanguage: ArticleLanguage.English);

        Assert.Equal("refund-timelines", hits[0].ArticleId);
    }

    [Fact]
    public void Search_LanguagePreferred_ListsEachTopicOnce()
    {
        var hits = HelpCentre.Value.Search("refund kitne din mein aata hai", 10, preferredLanguage: ArticleLanguage.Hinglish);

        Assert.Equal(hits.Count, hits.Select(h => KnowledgeArticle.TopicOf(h.ArticleId)).Distinct().Count());
        Assert.All(hits.Where(h => HelpCentre.Value.Knowledge.Find(h.ArticleId + ".hinglish") is not null || h.ArticleId.Contains('.', StringComparison.Ordinal)),
            h => Assert.Equal(ArticleLanguage.Hinglish, h.Language));
    }

    [Fact]
    public void Search_NoPreference_KeepsEachVersionApart()
    {
        var hits = HelpCentre.Value.Search("how many days for a refund to UPI", 10);

        // The search page and the API list the versions of a topic as the articles they are, English first for a
        // question in Latin letters.
        Assert.Contains(hits, h => h.ArticleId == "refund-timelines.hinglish");
        Assert.True(hits.ToList().FindIndex(h => h.ArticleId == "refund-timelines") < hits.ToList().FindIndex(h => h.ArticleId == "refund-timelines.hinglish"));
    }

    [Fact]
    public void Search_Nonsense_FindsNothingOrNothingConfident()
    {
        Assert.Empty(HelpCentre.Value.Search("", 5));
        Assert.Empty(HelpCentre.Value.Search("   ", 5));
        Assert.Empty(HelpCentre.Value.Search("qwxzv plorbt", 5));
    }

    [Fact]
    public void Articles_HaveFrontMatterAndHindiOnes()
    {
        var articles = HelpCentre.Value.Knowledge.Articles;

        Assert.True(articles.Count >= 60, $"{articles.Count} articles");
        Assert.True(articles.Count(a => a.Language == "hi") >= 10);
        Assert.All(articles, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Title));
            Assert.False(string.IsNullOrWhiteSpace(a.Category));
            Assert.NotEmpty(a.Tags);
        });
        Assert.Equal(articles.Count, articles.Select(a => a.Title).Distinct().Count());
    }

    [Fact]
    public void ReturnWindows_AreStatedOnlyInTheReturnsPolicy_OthersLinkToIt()
    {
        // "7 days", "10 days", "30 days" next to a category name is a return window; only the policy states them.
        var windows = new System.Text.RegularExpressions.Regex(@"(Fashion|Mobiles|Electronics|Appliances|Books|Toys|Sports)[^.\n]{0,40}\b(7|10|30) days");
        var stating = HelpCentre.Value.Knowledge.Articles.Where(a => windows.IsMatch(a.Markdown)).Select(a => a.Id).ToList();

        Assert.All(stating, id => Assert.StartsWith("returns-policy", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LabelledQuestions_MeetTheQualityTarget()
    {
        var questions = HelpCentreEvaluation.LoadQuestions();

        var (all, _, _) = await HelpCentreEvaluation.RunAsync(HelpCentre.Value, questions, TestContext.Current.CancellationToken);

        Assert.True(questions.Count >= 200);
        Assert.True(all.HitAt(5) >= 0.90, $"hit@5 {all.HitAt(5):0.000}");
        Assert.True(all.MrrAt(10) >= 0.75, $"MRR@10 {all.MrrAt(10):0.000}");
    }

    [Fact]
    public async Task Misses_ListEachQuestionWhoseFirstHitIsWrong_WithWhatCameFirst()
    {
        const string Question = "how many days for refund to my upi";
        var first = HelpCentre.Value.Search(Question, 1)[0].ArticleId;
        LabelledQuestion[] questions = [new(Question, [first]), new(Question, ["emi-options"])];

        var misses = await HelpCentreEvaluation.MissesAsync(HelpCentre.Value, questions, TestContext.Current.CancellationToken);

        var (question, found) = Assert.Single(misses);
        Assert.Equal(["emi-options"], question.Articles);
        Assert.Equal(first, found[0]);
    }

    [Theory]
    [InlineData("गिफ़्ट कार्ड नहीं मिला", "gift-card-not-received")]
    [InlineData("gift card nahi mila", "gift-card-not-received")]
    public void NotReceived_InHindiOrHinglish_ReachesTheEnglishOnlyArticle(string question, string article)
    {
        // These topics have no Hindi version: only the help centre's English words for "received" and "delivered" reach them.
        var hits = HelpCentre.Value.Search(question, 5);

        Assert.Contains(article, hits.Select(h => h.ArticleId));
    }

    [Fact]
    public void LabelledQuestions_NameOnlyArticlesThatExist()
    {
        var ids = HelpCentre.Value.Knowledge.Articles.Select(a => a.Id).ToHashSet();

        Assert.All(HelpCentreEvaluation.LoadQuestions(), q => Assert.All(q.Articles, id => Assert.Contains(id, ids)));
    }
}
