using System.Text.RegularExpressions;
using CareConsole.Core;
using CareConsole.Core.Knowledge;

namespace CareConsole.Tests.Core.Knowledge;

/// <summary>
/// Hindi and Hinglish articles carry the same facts as the English ones: an edit to one language that is not made in
/// the others fails here, naming the article and the numbers that differ.
/// </summary>
public sealed partial class ArticleTranslationTests
{
    private static readonly Lazy<KnowledgeBase> HelpCentre = new(() =>
        KnowledgeBase.Load(Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "knowledge")));

    public static TheoryData<string> Translations() =>
        new(HelpCentre.Value.Articles.Where(a => a.Language != ArticleLanguage.English).Select(a => a.Id).Order(StringComparer.Ordinal));

    public static TheoryData<string> HinglishTranslations() =>
        new(HelpCentre.Value.Articles.Where(a => a.Language == ArticleLanguage.Hinglish).Select(a => a.Id).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_StatesTheNumbersOfTheEnglishArticle_AndNoOthers(string id)
    {
        var translation = HelpCentre.Value.Find(id)!;
        var english = HelpCentre.Value.Find(translation.Topic);

        Assert.True(english is not null, $"{id} translates no English article ({translation.Topic}.md is missing)");
        var (missing, extra) = Differences(Numbers(english.Markdown), Numbers(translation.Markdown));
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{id}: missing from the translation [{string.Join(", ", missing)}]; not in {english.Id}.md [{string.Join(", ", extra)}]");
    }

    [Theory]
    [MemberData(nameof(HinglishTranslations))]
    public void HinglishTranslation_FollowsTheEnglishArticleSectionBySection(string id)
    {
        // Search shows the section in the same place when a question in Devanagari finds the English or Hindi
        // version of a topic for a Hinglish conversation; that only holds while the sections stay parallel.
        var translation = ArticleChunker.Chunk(HelpCentre.Value.Find(id)!).ToList();
        var english = ArticleChunker.Chunk(HelpCentre.Value.Find(KnowledgeArticle.TopicOf(id))!).ToList();

        Assert.Equal(english.Count, translation.Count);
        Assert.All(english.Zip(translation), pair =>
            Assert.True(Numbers(pair.First.Text).SetEquals(Numbers(pair.Second.Text)),
                $"{id}, section “{pair.Second.Heading}”: [{string.Join(", ", Numbers(pair.Second.Text))}], English “{pair.First.Heading}”: [{string.Join(", ", Numbers(pair.First.Text))}]"));
    }

    [Fact]
    public void EveryTopicInHindi_IsAlsoInHinglish()
    {
        var hindi = HelpCentre.Value.Articles.Where(a => a.Language == ArticleLanguage.Hindi).Select(a => a.Topic);
        var hinglish = HelpCentre.Value.Articles.Where(a => a.Language == ArticleLanguage.Hinglish).Select(a => a.Topic);

        Assert.Empty(hindi.Except(hinglish).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Translation_IdNamesItsLanguage()
    {
        Assert.All(HelpCentre.Value.Articles.Where(a => a.Language != ArticleLanguage.English),
            a => Assert.Equal($"{a.Topic}.{a.Language}", a.Id));
    }

    [Fact]
    public void Links_LeadToArticlesThatExist()
    {
        var broken = HelpCentre.Value.Articles
            .SelectMany(a => HelpLink().Matches(a.Markdown).Select(m => $"{a.Id} → {m.Groups["id"].Value}"))
            .Where(link => HelpCentre.Value.Find(link[(link.IndexOf('→', StringComparison.Ordinal) + 2)..]) is null)
            .ToList();

        Assert.Empty(broken);
    }

    private static IReadOnlySet<string> Numbers(string text) => ArticleFacts.Numbers(text);

    private static (List<string> Missing, List<string> Extra) Differences(IReadOnlySet<string> english, IReadOnlySet<string> translation) =>
        (english.Except(translation).Order(StringComparer.Ordinal).ToList(), translation.Except(english).Order(StringComparer.Ordinal).ToList());

    [GeneratedRegex(@"\]\(/help/(?<id>[^)#?\s]+)\)")]
    private static partial Regex HelpLink();
}
