using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Data.PostgreSQL;

/// <summary>The console's data on PostgreSQL, with migrations in <c>Data/PostgreSQL/Migrations</c>.</summary>
public sealed class PostgresCareDbContext(DbContextOptions<PostgresCareDbContext> options) : CareDbContext(options)
{
    /// <summary>Transaction-scoped advisory locks (the two-key form, a space apart from the conversations' one-key locks).</summary>
    internal override async Task TakeTurnsAsync(IReadOnlyList<(int Class, int Key)> locks, CancellationToken cancellationToken)
    {
        var classes = locks.Select(l => l.Class).ToArray();
        var keys = locks.Select(l => l.Key).ToArray();
        // One round trip; the rows, and so the locks, come in the order given.
        await Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(l.c, l.k) FROM unnest({classes}, {keys}) WITH ORDINALITY AS l(c, k, n) ORDER BY l.n",
            cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // xmin, the row's transaction id, changes on every write: the server keeps the version, nothing to bump.
        builder.Entity<Payment>().Property(p => p.Version).IsRowVersion();
        builder.Entity<Conversation>().Property(c => c.Version).IsRowVersion();
        // The same type as xmin, so "are these facts from the row as it is now?" compares like with like.
        builder.Entity<Reports.ConversationFacts>().Property(f => f.SourceVersion).HasColumnType("xid");
        builder.Entity<ToolCall>(call =>
        {
            call.Property(t => t.ArgumentsJson).HasColumnType("jsonb");
            call.Property(t => t.ResultJson).HasColumnType("jsonb");
        });
    }
}
