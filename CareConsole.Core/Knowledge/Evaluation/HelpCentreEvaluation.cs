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
    public static async Task<(RankingMetrics All, RankingMetrics Latin, RankingMetrics Devanagari)> RunAsync(IKnowledgeIndex index,
        IReadOnlyList<LabelledQuestion> questions, CancellationToken cancellationToken)
    {
        RankingMetrics all = new(), latin = new(), devanagari = new();
        foreach (var question in questions)
        {
            var hits = await index.SearchAsync(question.Question, 10, cancellationToken);
            var position = hits.ToList().FindIndex(hit => question.Articles.Contains(hit.ArticleId));
            int? rank = position < 0 ? null : position + 1;
            all.Add(rank);
            (question.IsDevanagari ? devanagari : latin).Add(rank);
        }
        return (all, latin, devanagari);
    }

    /// <summary>The questions whose first hit is not a right article, with what came first instead: what a help-centre author reads to see what to write.</summary>
    public static async Task<IReadOnlyList<(LabelledQuestion Question, IReadOnlyList<string> Found)>> MissesAsync(IKnowledgeIndex index,
        IReadOnlyList<LabelledQuestion> questions, CancellationToken cancellationToken)
    {
        var misses = new List<(LabelledQuestion, IReadOnlyList<string>)>();
        foreach (var question in questions)
        {
            var hits = await index.SearchAsync(question.Question, 3, cancellationToken);
            if (hits.Count == 0 || !question.Articles.Contains(hits[0].ArticleId))
            {
                misses.Add((question, hits.Select(hit => hit.ArticleId).ToList()));
            }
        }
        return misses;
    }

    /// <summary>
    /// Of the questions that ask how long something takes, how many get, as the first hit, a section of a right
    /// article that states a time: the passage an answer is written from, not the article's opening.
    /// </summary>
    public static async Task<(int Asked, int Answered)> HowLongAsync(IKnowledgeIndex index, IReadOnlyList<LabelledQuestion> questions,
        CancellationToken cancellationToken)
    {
        var asked = questions.Where(q => Durations.AsksHowLong(q.Question)).ToList();
        var answered = 0;
        foreach (var question in asked)
        {
            var hits = await index.SearchAsync(question.Question, 1, cancellationToken);
            if (hits.Count > 0 && question.Articles.Contains(hits[0].ArticleId) && Durations.States(hits[0].Snippet))
            {
                answered++;
            }
        }
        return (asked.Count, answered);
    }
}
