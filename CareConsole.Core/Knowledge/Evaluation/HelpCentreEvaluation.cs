using CareConsole.Core.Text;

namespace CareConsole.Core.Knowledge.Evaluation;

/// <summary>A question as a customer would write it, and the articles that answer it.</summary>
public sealed record LabelledQuestion(string Question, IReadOnlyList<string> Articles)
{
    public bool IsDevanagari => Question.Any(c => c is >= '\u0900' and <= '\u097F');
}

/// <summary>Retrieval quality on the help centre: where the right article ranks for customers' questions.</summary>
public static class HelpCentreEvaluation
{
    /// <summary>The labelled questions shipped with the product (Evaluation/retrieval-questions.tsv).</summary>
    public static IReadOnlyList<LabelledQuestion> LoadQuestions() =>
        Parse(EmbeddedText.Read(typeof(HelpCentreEvaluation), "retrieval-questions.tsv"));

    /// <summary>Tab-separated "question, articles" with a header line; several articles are separated by '|'.</summary>
    public static IReadOnlyList<LabelledQuestion> Parse(string tsv) =>
        tsv.Split('\n')
            .Skip(1)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .Where(columns => columns.Length >= 2 && columns[0].Trim().Length > 0)
            .Select(columns => new LabelledQuestion(columns[0].Trim(), columns[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .ToList();

    /// <summary>Ranks of the first expected article for each question, overall and split by script.</summary>
    public static (RankingMetrics All, RankingMetrics Latin, RankingMetrics Devanagari) Run(HelpCentreIndex index, IReadOnlyList<LabelledQuestion> questions)
    {
        RankingMetrics all = new(), latin = new(), devanagari = new();
        foreach (var question in questions)
        {
            var hits = index.Search(question.Question, 10);
            var position = hits.ToList().FindIndex(hit => question.Articles.Contains(hit.ArticleId));
            int? rank = position < 0 ? null : position + 1;
            all.Add(rank);
            (question.IsDevanagari ? devanagari : latin).Add(rank);
        }
        return (all, latin, devanagari);
    }
}
