using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// A plain keyword index over article sections (split at "##" headings, with the article title carried into
/// each): term frequency with inverse document frequency, words in titles and headings counting double.
/// Good enough to answer from the right article; a ranked retriever replaces it behind <see cref="IKnowledgeIndex"/>.
/// </summary>
public sealed partial class KeywordKnowledgeIndex : IKnowledgeIndex
{
    private const int SnippetLength = 320;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in", "is",
        "it", "me", "my", "of", "on", "or", "so", "the", "to", "what", "when", "where", "which", "will", "with", "you",
        "your", "we", "our", "this", "that", "there", "get", "please", "hai", "ka", "ki", "ke", "ko", "se", "mera", "meri",
        "है", "का", "की", "के", "को", "से", "में", "और", "मेरा", "मेरी", "क्या", "कैसे", "कब", "हैं",
    };

    private readonly List<Section> _sections;
    private readonly Dictionary<string, double> _idf;

    public KeywordKnowledgeIndex(KnowledgeBase knowledge)
    {
        _sections = knowledge.Articles.SelectMany(SplitSections).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in _sections.SelectMany(s => s.Terms.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        _idf = documentFrequency.ToDictionary(p => p.Key, p => Math.Log(1 + (_sections.Count - p.Value + 0.5) / (p.Value + 0.5)), StringComparer.Ordinal);
    }

    public IReadOnlyList<KnowledgeHit> Search(string query, int limit)
    {
        var terms = Terms(query).Distinct().ToList();
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        // A section must share at least a third of the question's words: one stray word in common is not an answer.
        var needed = Math.Max(1, (int)Math.Ceiling(terms.Count / 3.0));
        return _sections
            .Where(section => terms.Count(section.Terms.ContainsKey) >= needed)
            .Select(section => (Section: section, Score: terms.Sum(term => Score(section, term))))
            .Where(scored => scored.Score > 0)
            .OrderByDescending(scored => scored.Score)
            // One hit per article: the reader follows the link to the whole article anyway.
            .DistinctBy(scored => scored.Section.Article.Id)
            .Take(limit)
            .Select(scored => new KnowledgeHit(
                scored.Section.Article.Id,
                scored.Section.Article.Title,
                scored.Section.Heading,
                Snippet(scored.Section.Text),
                scored.Section.Article.Language,
                Math.Round(scored.Score, 3)))
            .ToList();
    }

    private double Score(Section section, string term)
    {
        if (!_idf.TryGetValue(term, out var idf))
        {
            return 0;
        }
        var frequency = section.Terms.GetValueOrDefault(term);
        return frequency == 0 ? 0 : idf * frequency / (frequency + 1.2);
    }

    private sealed record Section(KnowledgeArticle Article, string Heading, string Text, Dictionary<string, int> Terms);

    private static IEnumerable<Section> SplitSections(KnowledgeArticle article)
    {
        var parts = SectionHeading().Split(article.Markdown);
        // Split keeps the captured headings: [intro, heading1, body1, heading2, body2, ...].
        yield return NewSection(article, article.Title, parts[0]);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            yield return NewSection(article, parts[i].Trim(), parts[i + 1]);
        }
    }

    private static Section NewSection(KnowledgeArticle article, string heading, string body)
    {
        var text = PlainText(body);
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        // Title, heading and tags count twice: they say what the section is about.
        var weighted = Terms(text)
            .Concat(Terms(article.Title)).Concat(Terms(article.Title))
            .Concat(Terms(heading)).Concat(Terms(heading))
            .Concat(article.Tags.SelectMany(Terms));
        foreach (var term in weighted)
        {
            terms[term] = terms.GetValueOrDefault(term) + 1;
        }
        return new Section(article, heading, text, terms);
    }

    /// <summary>Lower-cased words without stop words, plural "s" dropped: "Refunds" and "refund" match.</summary>
    internal static IEnumerable<string> Terms(string text)
    {
        foreach (Match match in WordPattern().Matches(text.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture)))
        {
            var word = match.Value;
            if (StopWords.Contains(word))
            {
                continue;
            }
            yield return word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
        }
    }

    /// <summary>Markdown as readable text: emphasis and links dropped, list items kept on their own lines.</summary>
    private static string PlainText(string markdown)
    {
        var lines = markdown.Split('\n')
            .Select(line => MarkdownMarks().Replace(line, "").Trim())
            .Select(line => line.StartsWith("- ", StringComparison.Ordinal) ? "• " + line[2..] : line)
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static string Snippet(string text)
    {
        if (text.Length <= SnippetLength)
        {
            return text;
        }
        // End on a whole line or sentence where one falls in the second half, else on a word.
        var lineEnd = text.LastIndexOfAny(['\n', '.'], SnippetLength);
        if (lineEnd > SnippetLength / 2)
        {
            return text[..(lineEnd + 1)].TrimEnd();
        }
        var cut = text.LastIndexOf(' ', SnippetLength);
        return text[..(cut > 0 ? cut : SnippetLength)] + " …";
    }

    [GeneratedRegex(@"^##\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    // Letters (with Devanagari vowel signs and virama) and digits.
    [GeneratedRegex(@"[\p{L}\p{Mn}\p{Mc}\p{Nd}]+")]
    private static partial Regex WordPattern();

    // Emphasis, code and quote marks, heading hashes, and link targets "(…)" after "]".
    [GeneratedRegex(@"\*\*|__|[*`>]|^#+\s*|\[|\](\([^)]*\))?")]
    private static partial Regex MarkdownMarks();
}
