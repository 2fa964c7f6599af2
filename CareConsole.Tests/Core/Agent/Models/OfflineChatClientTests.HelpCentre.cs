using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Knowledge;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Agent.Models;

/// <summary>
/// Help-centre answers in the customer's register: the article written in it, with the facts of the English one,
/// not an English paragraph in a Hindi or Hinglish frame.
/// </summary>
public sealed partial class OfflineChatClientTests
{
    private IKnowledgeIndex HelpCentre => app.Factory.Services.GetRequiredService<IKnowledgeIndex>();

    [Theory]
    [InlineData("return window kitne din ki hai?", "returns-policy", "7 din")]
    [InlineData("refund UPI mein kitne din mein aata hai?", "refund-timelines", "1–3 working days")]
    public async Task GetResponseAsync_HinglishHelpQuestion_AnswersFromTheHinglishArticleWithTheEnglishFacts(string question, string topic, string fact)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, question);

        Assert.Equal(Register.Hinglish, turn.Register);
        Assert.Equal($"{topic}.hinglish", Assert.Single(turn.Citations).ArticleId);
        Assert.True(turn.Reply.Contains(fact, StringComparison.Ordinal), turn.Reply);
        Assert.False(Scripts.HasDevanagari(turn.Reply), turn.Reply);
        Assert.Equal(Register.Hinglish, LanguageDetector.Detect(turn.Reply, Register.English));
        AssertFactsOfTheEnglishArticle(topic, turn.Reply);
        // Not the English section with a Hinglish line under it.
        var english = (await HelpCentre.SearchAsync(question, 1, ArticleLanguage.English, Ct))[0];
        Assert.DoesNotContain(english.Snippet, turn.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("रिटर्न कितने दिन में कर सकते हैं?", "returns-policy")]
    [InlineData("UPI में रिफंड में कितना समय लगता है?", "refund-timelines")]
    public async Task GetResponseAsync_HindiHelpQuestion_AnswersInDevanagariFromTheHindiArticle(string question, string topic)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, question);

        Assert.Equal(Register.Hindi, turn.Register);
        Assert.Equal($"{topic}.hi", Assert.Single(turn.Citations).ArticleId);
        Assert.True(Scripts.HasDevanagari(turn.Reply), turn.Reply);
        AssertFactsOfTheEnglishArticle(topic, turn.Reply);
    }

    [Theory]
    [InlineData("refund UPI mein kitne din mein aata hai?", "refund-timelines", "1–3")]
    [InlineData("return window kitne din ki hai?", "returns-policy", "7 दिन")]
    public async Task GetResponseAsync_HindiPickedQuestionInLatinLetters_AnswersFromTheHindiSectionWithTheEnglishFacts(string question, string topic, string fact)
    {
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Hindi, Ct)).Id;

        var turn = await SendAsync(id, question);

        Assert.Equal(Register.Hindi, turn.Register);
        Assert.Equal($"{topic}.hi", Assert.Single(turn.Citations).ArticleId);
        Assert.True(turn.Reply.Contains(fact, StringComparison.Ordinal), turn.Reply);
        Assert.True(Scripts.HasDevanagari(turn.Reply), turn.Reply);
        AssertFactsOfTheEnglishArticle(topic, turn.Reply);
    }

    [Theory]
    [InlineData("how long do refunds take for UPI?", "refund-timelines", "UPI reaches you in 1–3 business days")]
    [InlineData("just tell me the return window", "returns-policy", "Mobiles 7 days (replacement only)")]
    [InlineData("रिफंड कितने दिन में आता है?", "refund-timelines.hi", "UPI 1–3 कामकाजी दिन")]
    [InlineData("mobile return kitne din mein kar sakte hain?", "returns-policy.hinglish", "Mobiles delivery ke 7 din ke andar return ho sakta hai (sirf replacement)")]
    public async Task GetResponseAsync_RefundTimeOrReturnWindow_IsStatedFromTheStoresRulesAndCitesTheArticleInTheCustomersLanguage(string question, string article, string fact)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, question);

        Assert.Equal(article, Assert.Single(turn.Citations).ArticleId);
        Assert.True(turn.Reply.Contains(fact, StringComparison.Ordinal), turn.Reply);
        AssertFactsOfTheEnglishArticle(article.Split('.')[0], turn.Reply);
    }

    /// <summary>Every number the answer states is one the English article states.</summary>
    private void AssertFactsOfTheEnglishArticle(string topic, string reply)
    {
        var english = ArticleFacts.Numbers(HelpCentre.Knowledge.Find(topic)!.Markdown);
        Assert.All(ArticleFacts.Numbers(reply), number => Assert.Contains(number, english));
    }
}
