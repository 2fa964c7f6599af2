using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Data.PostgreSQL;

/// <summary>The console's data on PostgreSQL, with migrations in <c>Data/PostgreSQL/Migrations</c>.</summary>
public sealed class PostgresCareDbContext(DbContextOptions<PostgresCareDbContext> options) : CareDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // xmin, the row's transaction id, changes on every write: the server keeps the version, nothing to bump.
        builder.Entity<Payment>().Property(p => p.Version).IsRowVersion();
        builder.Entity<Conversation>().Property(c => c.Version).IsRowVersion();
        builder.Entity<ToolCall>(call =>
        {
            call.Property(t => t.ArgumentsJson).HasColumnType("jsonb");
            call.Property(t => t.ResultJson).HasColumnType("jsonb");
        });
    }
}
