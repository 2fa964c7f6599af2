using CareConsole.Core.Data;
using CareConsole.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Transcripts;

/// <summary>A stretch of a message shown under a search result; <see cref="Matched"/> parts are what was searched for.</summary>
public sealed record SnippetPart(string Text, bool Matched);

/// <summary>
/// Full-text search over every message, private notes included (managers read those too), by each engine's own
/// index of one document per conversation, made by database triggers from its messages'
/// <see cref="Conversations.Message.SearchText"/>: SQLite's FTS5 table <c>ConversationSearch</c>, with a tokenizer
/// that keeps Devanagari words whole, and PostgreSQL's <c>ConversationSearch</c> table of text-search vectors with a
/// GIN index. Both index the same normalised words, so both find the same conversations.
/// </summary>
/// <remarks>
/// A conversation matches "all" when every term is in it, not necessarily in one message: a customer says "refund"
/// early and "late" later, and a manager looking for both means that conversation. A phrase is found within one
/// message: the migrations put a private-use character (U+E000), which no message's words or search can hold, at a
/// position of its own between two messages, so no phrase runs from one into the next.
/// One document per conversation, rather than per message, spares a search from mapping a hundred thousand matching
/// messages to their conversations and removing repeats, which cost far more than the match itself. The search text
/// reaches the database only as a parameter.
/// </remarks>
public sealed class TranscriptSearch(IDbContextFactory<CareDbContext> contexts)
{
    /// <summary>Characters of a message shown either side of the first match.</summary>
    private const int Context = 70;


    /// <summary>The conversations holding the terms of <paramref name="query"/>.</summary>
    public async Task<IReadOnlySet<Guid>> ConversationsAsync(TranscriptQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One document per conversation: "all" and "any" are each one query of the index.
        var (sql, expression) = db.Database.IsSqlite()
            ? ("SELECT ConversationId AS Value FROM ConversationSearch WHERE ConversationSearch MATCH {0}", Fts5(query))
            : ("SELECT \"ConversationId\" AS \"Value\" FROM \"ConversationSearch\" WHERE \"SearchVector\" @@ to_tsquery('simple', {0})", TsQuery(query));
        var found = await db.Database.SqlQueryRaw<Guid>(sql, expression).ToListAsync(cancellationToken);
        return found.ToHashSet();
    }

    /// <summary>
    /// For each of <paramref name="conversations"/>, the first message holding a term, cut to the match and a little
    /// either side, with every term in that stretch marked.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<SnippetPart>>> SnippetsAsync(
        TranscriptQuery query, IReadOnlyCollection<Guid> conversations, CancellationToken cancellationToken)
    {
        if (conversations.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<SnippetPart>>();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = conversations.ToList();
        var messages = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId))
            .OrderBy(m => m.Id)
            .Select(m => new { m.ConversationId, m.Text })
            .ToListAsync(cancellationToken);
        var snippets = new Dictionary<Guid, IReadOnlyList<SnippetPart>>();
        foreach (var message in messages)
        {
            if (!snippets.ContainsKey(message.ConversationId) && Snippet(query, message.Text) is { } snippet)
            {
                snippets[message.ConversationId] = snippet;
            }
        }
        return snippets;
    }

    /// <summary>The stretch of <paramref name="text"/> around its first match, matches marked; null when nothing matches.</summary>
    public static IReadOnlyList<SnippetPart>? Snippet(TranscriptQuery query, string text)
    {
        var words = UnicodeWords.Placed(text);
        var spans = query.Find(words)
            .Select(m => (Start: words[m.Index].Start, End: words[m.Index + m.Count - 1].Start + words[m.Index + m.Count - 1].Length))
            .ToList();
        if (spans.Count == 0)
        {
            return null;
        }
        var from = Math.Max(0, spans[0].Start - Context);
        var to = Math.Min(text.Length, spans[0].End + Context);
        // Start and end on a word boundary, not in the middle of one.
        while (from > 0 && UnicodeWords.IsWordChar(text[from - 1]))
        {
            from--;
        }
        while (to < text.Length && UnicodeWords.IsWordChar(text[to]))
        {
            to++;
        }
        var parts = new List<SnippetPart>();
        if (from > 0)
        {
            parts.Add(new SnippetPart("…", false));
        }
        var at = from;
        foreach (var (start, end) in spans.Where(s => s.Start >= at && s.End <= to).OrderBy(s => s.Start))
        {
            if (start < at)
            {
                continue;
            }
            if (start > at)
            {
                parts.Add(new SnippetPart(text[at..start], false));
            }
            parts.Add(new SnippetPart(text[start..end], true));
            at = end;
        }
        if (to > at)
        {
            parts.Add(new SnippetPart(text[at..to], false));
        }
        if (to < text.Length)
        {
            parts.Add(new SnippetPart("…", false));
        }
        return parts;
    }

    /// <summary>An FTS5 query: each term a quoted string (a phrase when it has several words), joined by AND or OR.</summary>
    private static string Fts5(TranscriptQuery query) =>
        string.Join(query.Match == SearchMatch.All ? " AND " : " OR ", query.Terms.Select(t => $"\"{string.Join(' ', t.Words)}\""));

    /// <summary>A tsquery: each word quoted, a phrase's words followed by one another (&lt;-&gt;), terms joined by &amp; or |.</summary>
    private static string TsQuery(TranscriptQuery query) =>
        string.Join(query.Match == SearchMatch.All ? " & " : " | ", query.Terms.Select(t => "(" + string.Join(" <-> ", t.Words.Select(w => $"'{w}'")) + ")"));
}
