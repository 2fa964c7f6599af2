using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Reports;
using CareConsole.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Transcripts;

/// <summary>A tracker's match in a message, in UTF-16 characters of the text as written.</summary>
public sealed record TranscriptMark(int Start, int Length, string Tracker);

/// <summary>
/// A stretch of a message as the transcript shows it: plain, or marked with the trackers that matched it, and whether
/// it is what the manager searched for.
/// </summary>
public sealed record MarkedPart(string Text, IReadOnlyList<string> Trackers, bool Searched = false)
{
    public bool IsMarked => Trackers.Count > 0 || Searched;
}

/// <summary>One message of a transcript, with the places trackers matched in it.</summary>
public sealed record TranscriptEntry(
    long Id,
    Author Author,
    string? StaffName,
    string Text,
    bool IsPrivateNote,
    double? Sentiment,
    DateTimeOffset At,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<TranscriptMark> Marks)
{
    /// <summary>
    /// The text cut where marks begin and end, each part with the trackers covering it (where two trackers' matches
    /// overlap, the overlap carries both names) and whether it is a match of <paramref name="search"/>.
    /// </summary>
    public IReadOnlyList<MarkedPart> Parts(TranscriptQuery? search = null)
    {
        var marks = Marks.Where(m => m.Length > 0 && m.Start >= 0 && m.Start + m.Length <= Text.Length).ToList();
        var found = new List<(int Start, int End)>();
        if (search is not null)
        {
            var words = UnicodeWords.Placed(Text);
            found.AddRange(search.Find(words).Select(m => (words[m.Index].Start, words[m.Index + m.Count - 1].Start + words[m.Index + m.Count - 1].Length)));
        }
        var cuts = marks.SelectMany(m => new[] { m.Start, m.Start + m.Length })
            .Concat(found.SelectMany(f => new[] { f.Start, f.End }))
            .Append(0).Append(Text.Length).Distinct().Order().ToList();
        var parts = new List<MarkedPart>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, to) = (cuts[i], cuts[i + 1]);
            var trackers = marks.Where(m => m.Start <= from && m.Start + m.Length >= to).Select(m => m.Tracker).Distinct().ToList();
            var searched = found.Any(f => f.Start <= from && f.End >= to);
            if (parts.Count > 0 && parts[^1].Trackers.SequenceEqual(trackers) && parts[^1].Searched == searched)
            {
                parts[^1] = parts[^1] with { Text = parts[^1].Text + Text[from..to] };
            }
            else
            {
                parts.Add(new MarkedPart(Text[from..to], trackers, searched));
            }
        }
        return parts;
    }
}

/// <summary>
/// One conversation as a manager reads it after the fact: every message (notes included) with tracker hits at their
/// places, the tools the AI called, the hand-offs, the requests and what was decided, and the figures the dashboard
/// counted it by.
/// </summary>
public sealed record TranscriptView(
    Guid Id,
    DateTimeOffset Started,
    Channel Channel,
    Register Register,
    string? CustomerName,
    ConversationStatus Status,
    string? Assignee,
    ConversationFacts? Facts,
    Feedback? Feedback,
    IReadOnlyList<TranscriptEntry> Messages,
    IReadOnlyList<ToolCall> ToolCalls,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<ActionRequest> Requests)
{
    public bool Verified => CustomerName is not null;

    /// <summary>The customer's messages that were scored, in order: the sentiment curve.</summary>
    public IReadOnlyList<TranscriptEntry> Scored => [.. Messages.Where(m => m.Author == Author.Customer && m.Sentiment is not null)];
}

/// <summary>Reads <see cref="TranscriptView"/>s.</summary>
public sealed class TranscriptViews(IDbContextFactory<CareDbContext> contexts)
{
    /// <summary>The conversation <paramref name="id"/>, or null when there is none.</summary>
    public async Task<TranscriptView?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages)
            .Include(c => c.ToolCalls)
            .Include(c => c.Escalations)
            .Include(c => c.ActionRequests)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }
        var facts = await db.ConversationFacts.AsNoTracking().FirstOrDefaultAsync(f => f.ConversationId == id, cancellationToken);
        var customer = conversation.VerifiedCustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.FullName).FirstOrDefaultAsync(cancellationToken)
            : null;
        // Hits of each tracker's current revision only: an edited tracker's old matches are not its matches any more.
        var hits = await db.TrackerHits.AsNoTracking()
            .Where(h => h.ConversationId == id)
            .Join(db.Trackers, h => new { h.TrackerId, h.Revision }, t => new { TrackerId = t.Id, t.Revision }, (h, t) => new { Hit = h, t.Name })
            .ToListAsync(cancellationToken);
        var marks = hits
            .SelectMany(h => (h.Hit.Spans.Count > 0 ? h.Hit.Spans : [new(h.Hit.Start, h.Hit.Length)]).Select(s => (h.Hit.MessageId, Mark: new TranscriptMark(s.Start, s.Length, h.Name))))
            .ToLookup(m => m.MessageId, m => m.Mark);
        return new TranscriptView(
            conversation.Id,
            conversation.CreatedAt,
            conversation.Channel,
            conversation.Register,
            customer,
            conversation.Status,
            conversation.AssigneeName,
            facts,
            conversation.Feedback,
            [.. conversation.Messages.OrderBy(m => m.Id).Select(m => new TranscriptEntry(
                m.Id, m.Author, m.StaffName, m.Text, m.IsPrivateNote, m.Sentiment, m.CreatedAt, m.Citations, [.. marks[m.Id].OrderBy(k => k.Start)]))],
            [.. conversation.ToolCalls.OrderBy(t => t.Id)],
            [.. conversation.Escalations.OrderBy(e => e.Id)],
            [.. conversation.ActionRequests.OrderBy(r => r.Id)]);
    }
}
