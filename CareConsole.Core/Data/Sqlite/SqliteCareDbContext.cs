using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareConsole.Core.Data.Sqlite;

/// <summary>The console's data in a SQLite file, with migrations in <c>Data/Sqlite/Migrations</c>.</summary>
public sealed class SqliteCareDbContext(DbContextOptions<SqliteCareDbContext> options) : CareDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    internal override object StoredTime(DateTimeOffset time) => UtcTicksConverter.ToTicks(time);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type, and EF Core cannot compare or sort DateTimeOffset stored as text. Every time the
        // console writes is UTC, so UTC ticks in an integer keep full precision and sort and compare as times do.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite has no row version of its own: Version is an ordinary column the context raises on every update,
        // and the update matches only the version it read.
        builder.Entity<Payment>().Property(p => p.Version).IsConcurrencyToken();
        builder.Entity<Conversation>().Property(c => c.Version).IsConcurrencyToken();
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }
            // Owned types sharing the row (a conversation's feedback, its pending change) carry the same column.
            if (entry.Properties.FirstOrDefault(p => p.Metadata.Name == nameof(Conversation.Version) && p.Metadata.IsConcurrencyToken) is { OriginalValue: uint read } version)
            {
                version.CurrentValue = read + 1;
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(time => ToTicks(time), ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
        public static long ToTicks(DateTimeOffset time) => time.UtcTicks;
    }
}
