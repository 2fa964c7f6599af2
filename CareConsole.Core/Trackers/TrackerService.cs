using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Trackers;

/// <summary>A tracker with how many messages it has found (by its current revision) and how far its back-fill is.</summary>
/// <param name="Hits">Messages the tracker's current phrases were found in; grows while <see cref="TrackerDefinition.BackfillProgress"/> is below 1.</param>
public sealed record TrackerSummary(TrackerDefinition Tracker, int Hits)
{
    /// <summary>The back-fill's progress, 0 to 1.</summary>
    public double BackfillProgress => Tracker.BackfillProgress;
}

/// <summary>No tracker has that id (any more).</summary>
public sealed class TrackerNotFoundException(int id) : Exception($"Tracker {id} does not exist.");

/// <summary>
/// What managers do with keyword trackers: list them with their counts and back-fill progress, create, edit, pause,
/// resume and delete them. Every change reaches this instance's matching at once (other instances reload within
/// seconds, and count no message by a replaced revision meanwhile); creating or editing what a tracker matches starts
/// its back-fill over every stored message.
/// </summary>
public sealed class TrackerService(IDbContextFactory<CareDbContext> contexts, TimeProvider clock, TrackerCatalog catalog, TrackerBackfillSignal backfill)
{
    /// <summary>Every tracker, active or paused, by name.</summary>
    public async Task<IReadOnlyList<TrackerSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Trackers.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { Tracker = t, Hits = db.TrackerHits.Count(h => h.TrackerId == t.Id && h.Revision == t.Revision) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TrackerSummary(r.Tracker, r.Hits))];
    }

    public async Task<TrackerDefinition?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Trackers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>A new, active tracker; its back-fill over the stored messages starts at once.</summary>
    /// <exception cref="ArgumentException">The draft is refused (the message says why, for a manager), or its name is taken.</exception>
    public async Task<TrackerDefinition> CreateAsync(TrackerDraft draft, CancellationToken cancellationToken)
    {
        var tracker = TrackerDefinition.Create(draft, clock.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RequireFreeNameAsync(db, tracker.Name, null, cancellationToken);
        db.Trackers.Add(tracker);
        await SaveAsync(db, tracker, cancellationToken);
        await TrackerBackfill.MeasureTargetAsync(db, tracker.Id, tracker.Revision, cancellationToken);
        await ChangedAsync(backfillNeeded: true);
        return await ReadAsync(db, tracker.Id, cancellationToken);
    }

    /// <summary>
    /// Takes the draft. If what the tracker matches changed (phrases, mode, speakers), its hits so far are removed and
    /// counted again by the new revision in the background; a new name alone keeps them.
    /// </summary>
    /// <exception cref="ArgumentException">The draft is refused (the message says why, for a manager), or its name is taken.</exception>
    /// <exception cref="TrackerNotFoundException">No such tracker.</exception>
    /// <exception cref="InvalidOperationException">Someone else changed the tracker meanwhile; nothing was saved.</exception>
    public async Task<TrackerDefinition> ChangeAsync(int id, TrackerDraft draft, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tracker = await db.Trackers.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new TrackerNotFoundException(id);
        var revised = tracker.Change(draft, clock.GetUtcNow());
        await RequireFreeNameAsync(db, tracker.Name, id, cancellationToken);
        if (!revised)
        {
            await SaveAsync(db, tracker, cancellationToken);
            await ChangedAsync(backfillNeeded: false);
            return tracker;
        }

        // The progress starts again even if it read the same as stored: a back-fill may have moved it since it was read.
        db.Entry(tracker).Property(t => t.BackfillThrough).IsModified = true;
        db.Entry(tracker).Property(t => t.BackfillTarget).IsModified = true;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await SaveAsync(db, tracker, cancellationToken);
            await db.TrackerHits.Where(h => h.TrackerId == id && h.Revision < tracker.Revision).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await TrackerBackfill.MeasureTargetAsync(db, id, tracker.Revision, cancellationToken);
        await ChangedAsync(backfillNeeded: true);
        return await ReadAsync(db, id, cancellationToken);
    }

    /// <summary>Stops counting new messages; the hits so far stay, and an unfinished back-fill goes on.</summary>
    /// <exception cref="TrackerNotFoundException">No such tracker.</exception>
    public Task PauseAsync(int id, CancellationToken cancellationToken) => ActAsync(id, t => t.Pause(clock.GetUtcNow()), cancellationToken);

    /// <summary>Counts new messages again; those that came while it was paused stay uncounted.</summary>
    /// <exception cref="TrackerNotFoundException">No such tracker.</exception>
    public Task ResumeAsync(int id, CancellationToken cancellationToken) => ActAsync(id, t => t.Resume(clock.GetUtcNow()), cancellationToken);

    /// <summary>Deletes the tracker and every hit it counted.</summary>
    /// <exception cref="TrackerNotFoundException">No such tracker.</exception>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        int deleted;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.TrackerHits.Where(h => h.TrackerId == id).ExecuteDeleteAsync(cancellationToken);
            deleted = await db.Trackers.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (deleted == 0)
        {
            throw new TrackerNotFoundException(id);
        }
        await ChangedAsync(backfillNeeded: false);
    }

    private async Task ActAsync(int id, Action<TrackerDefinition> action, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tracker = await db.Trackers.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new TrackerNotFoundException(id);
        action(tracker);
        await SaveAsync(db, tracker, cancellationToken);
        await ChangedAsync(backfillNeeded: false);
    }

    private async Task SaveAsync(CareDbContext db, TrackerDefinition tracker, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new InvalidOperationException($"\"{tracker.Name}\" was changed by someone else meanwhile; open it again and redo your change.");
        }
        catch (DbUpdateException)
        {
            // Two managers giving one name at once: the unique index refused the second. Asked on a context of its
            // own, since the failed save may have ended this one's transaction.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (await NameTakenAsync(check, tracker.Name, tracker.Id == 0 ? null : tracker.Id, cancellationToken))
            {
                throw NameTaken(tracker.Name);
            }
            throw;
        }
    }

    private static async Task RequireFreeNameAsync(CareDbContext db, string name, int? id, CancellationToken cancellationToken)
    {
        if (await NameTakenAsync(db, name, id, cancellationToken))
        {
            throw NameTaken(name);
        }
    }

    // "Sale" and "sale" would be two trackers no manager could tell apart on the dashboard. Compared here rather than
    // in SQL, whose lower() knows only ASCII on SQLite; a console has tens of trackers, not thousands.
    private static async Task<bool> NameTakenAsync(CareDbContext db, string name, int? id, CancellationToken cancellationToken)
    {
        var names = await db.Trackers.AsNoTracking().Where(t => t.Id != id).Select(t => t.Name).ToListAsync(cancellationToken);
        return names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private static ArgumentException NameTaken(string name) => new($"There is already a tracker named \"{name}\"; choose another name.");

    private static Task<TrackerDefinition> ReadAsync(CareDbContext db, int id, CancellationToken cancellationToken) =>
        db.Trackers.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);

    /// <summary>This instance matches by the change at once; the back-fill starts now rather than at its next look.</summary>
    private async Task ChangedAsync(bool backfillNeeded)
    {
        // The change is saved whatever happens here: a failed reload is logged, and the next message reloads anyway.
        await catalog.TryRefreshAsync(CancellationToken.None);
        if (backfillNeeded)
        {
            backfill.Wake();
        }
    }
}
