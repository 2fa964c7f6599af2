using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Trackers;
using CareConsole.Core.Transcripts;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Reports;

/// <summary>A keyword tracker as reports name it.</summary>
public sealed record TrackerName(int Id, string Name);

/// <summary>A member of staff as reports name them, for the agent filter.</summary>
public sealed record StaffName(string Id, string DisplayName);

/// <summary>
/// Reads what a period and filter cover, once, into a <see cref="ReportSnapshot"/> that every panel of the dashboard,
/// the API and the exports compute from: one narrow row per conversation (<see cref="ConversationFacts"/>), the
/// trackers each conversation hit, and when the same customers came back.
/// </summary>
public sealed class ReportService(IDbContextFactory<CareDbContext> contexts, FactsCache cache, TranscriptSearch search, DeskSettings desk, TimeProvider clock)
{
    /// <summary>How long after a resolution a customer's new conversation counts as the resolution not holding.</summary>
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    public TimeZoneInfo Zone => desk.TimeZone;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<ReportSnapshot> LoadAsync(ReportPeriod period, ReportFilter filter, CancellationToken cancellationToken)
    {
        var start = period.Start(desk.TimeZone);
        var end = period.End(desk.TimeZone);
        // Three reads that need nothing from one another, each on its own connection, so the database serves them
        // side by side: most of a large report's wait is turning rows into objects, which the cores share.
        var rows = ReadAsync(db => RowsAsync(Select(db, start, end, filter), cancellationToken), cancellationToken);
        var hits = ReadAsync(db => Current(db).AsNoTracking()
            .Where(h => Select(db, start, end, filter).Select(f => f.ConversationId).Contains(h.ConversationId))
            .Select(h => new { h.ConversationId, h.TrackerId })
            .Distinct()
            .ToListAsync(cancellationToken), cancellationToken);
        // Any later conversation of the same customer counts, whatever the filter shows: coming back is coming back.
        var returns = ReadAsync(db => db.ConversationFacts.AsNoTracking()
            .Where(f => f.CustomerId != null && f.FirstCustomerMessageAt != null && f.StartedAt >= start && f.StartedAt < end + ReopenWindow)
            .Select(f => new CustomerStart(f.CustomerId!.Value, f.StartedAt))
            .ToListAsync(cancellationToken), cancellationToken);
        var trackers = ReadAsync(db => db.Trackers.AsNoTracking().OrderBy(t => t.Name).Select(t => new TrackerName(t.Id, t.Name)).ToListAsync(cancellationToken), cancellationToken);
        await Task.WhenAll(rows, hits, returns, trackers);
        return new ReportSnapshot(
            period,
            filter,
            await rows,
            (await hits).ToLookup(h => h.ConversationId, h => h.TrackerId),
            await trackers,
            await returns,
            desk.TimeZone,
            clock.GetUtcNow());
    }

    /// <summary>
    /// One read on a context of its own, started on the thread pool: SQLite's driver does its "async" work on the
    /// calling thread, so without this the reads would still take turns.
    /// </summary>
    private Task<T> ReadAsync<T>(Func<CareDbContext, Task<T>> read, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await read(db);
        }, cancellationToken);

    /// <summary>
    /// The rows <paramref name="selected"/> covers, as they stand now: which conversations and at which version is read
    /// every time; the rows themselves only where <see cref="FactsCache"/> does not hold that version.
    /// </summary>
    private async Task<List<ConversationFacts>> RowsAsync(IQueryable<ConversationFacts> selected, CancellationToken cancellationToken)
    {
        var covered = await selected.Select(f => new { f.ConversationId, f.SourceVersion }).ToListAsync(cancellationToken);
        var missing = covered.Where(c => cache.Find(c.ConversationId, c.SourceVersion) is null).Select(c => c.ConversationId).ToList();
        // Many rows missing (a first report, a long-quiet period): one read of them all beats looking them up by id.
        var fresh = missing.Count > covered.Count / 4
            ? await selected.AsNoTracking().ToListAsync(cancellationToken)
            : await ByIdAsync(selected, missing, cancellationToken);
        cache.Keep(fresh);
        // A row written between the two reads comes back newer than its version in the first: the newer is used.
        var read = fresh.ToDictionary(f => f.ConversationId);
        return [.. covered.Select(c => read.GetValueOrDefault(c.ConversationId) ?? cache.Find(c.ConversationId, c.SourceVersion)).OfType<ConversationFacts>()];
    }

    private static async Task<List<ConversationFacts>> ByIdAsync(IQueryable<ConversationFacts> selected, List<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = new List<ConversationFacts>(ids.Count);
        foreach (var chunk in ids.Chunk(2_000))
        {
            rows.AddRange(await selected.AsNoTracking().Where(f => chunk.Contains(f.ConversationId)).ToListAsync(cancellationToken));
        }
        return rows;
    }

    /// <summary>
    /// The conversations of <paramref name="snapshot"/> that <paramref name="query"/> picks, its full-text search
    /// included, newest first; ties in a fixed order, so pages of the list do not overlap.
    /// </summary>
    public async Task<IReadOnlyList<ConversationFacts>> ConversationsAsync(ReportSnapshot snapshot, ConversationQuery query, CancellationToken cancellationToken)
    {
        var picked = snapshot.Select(query);
        if (query.SearchTerms is { } terms)
        {
            var found = await search.ConversationsAsync(terms, cancellationToken);
            picked = picked.Where(f => found.Contains(f.ConversationId));
        }
        return [.. picked.OrderByDescending(f => f.StartedAt).ThenByDescending(f => f.ConversationId)];
    }

    /// <summary>
    /// Hits of each tracker's current revision: right after an edit, until its back-fill has swept them, the old
    /// phrases' hits are still stored and must not be counted.
    /// </summary>
    private static IQueryable<TrackerHit> Current(CareDbContext db) =>
        db.TrackerHits.Where(h => db.Trackers.Any(t => t.Id == h.TrackerId && t.Revision == h.Revision));

    /// <summary>Everyone on the staff, by name, for the agent filter: managers take conversations too.</summary>
    public async Task<IReadOnlyList<StaffName>> StaffAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new StaffName(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>The conversations a period and filter count: started in the period, written in by the customer.</summary>
    private static IQueryable<ConversationFacts> Select(CareDbContext db, DateTimeOffset start, DateTimeOffset end, ReportFilter filter)
    {
        var query = db.ConversationFacts.Where(f => f.StartedAt >= start && f.StartedAt < end && f.FirstCustomerMessageAt != null);
        if (filter.Channel is { } channel)
        {
            query = query.Where(f => f.Channel == channel);
        }
        if (filter.Language is { } language)
        {
            query = query.Where(f => f.Language == language);
        }
        if (filter.Owner is { } owner)
        {
            var withPerson = owner == OwnerFilter.WithPerson;
            query = query.Where(f => f.PersonInvolved == withPerson);
        }
        if (filter.AgentId is { } agent)
        {
            query = query.Where(f => f.AgentId == agent);
        }
        if (filter.Rule is { } rule)
        {
            query = query.Where(f => f.Rule == rule);
        }
        if (filter.TrackerId is { } tracker)
        {
            query = query.Where(f => Current(db).Any(h => h.ConversationId == f.ConversationId && h.TrackerId == tracker));
        }
        return query;
    }
}

/// <summary>A verified customer's conversation start, to tell whether a resolution held.</summary>
public readonly record struct CustomerStart(int CustomerId, DateTimeOffset StartedAt);
