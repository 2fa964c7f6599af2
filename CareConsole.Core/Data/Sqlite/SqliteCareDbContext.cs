using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CareConsole.Core.Data.Sqlite;

/// <summary>The console's data in a SQLite file, with migrations in <c>Data/Sqlite/Migrations</c>.</summary>
public sealed class SqliteCareDbContext(DbContextOptions<SqliteCareDbContext> options) : CareDbContext(options)
{
    protected override void OnSaving() => BumpVersions();

    internal override object StoredTime(DateTimeOffset time) => UtcTicksConverter.ToTicks(time);

    /// <summary>
    /// Nothing to take: a SQLite transaction holds the database's one write lock from its start (and this console's
    /// write gate before that), so every transaction already takes turns with every other.
    /// </summary>
    internal override Task TakeTurnsAsync(IReadOnlyList<(int Class, int Key)> locks, CancellationToken cancellationToken) => Task.CompletedTask;

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
        // A report reads, for the conversations a range covers, which they are and at which version (to reuse the
        // rows it holds), and when their customers came back. SQLite keys this table by a text id, not the row id, so
        // the index on the start alone sends both reads to the table row by row; this one answers them on its own.
        builder.Entity<Reports.ConversationFacts>()
            .HasIndex(f => new { f.StartedAt, f.ConversationId, f.SourceVersion, f.CustomerId })
            .HasFilter("\"FirstCustomerMessageAt\" IS NOT NULL")
            .HasDatabaseName("IX_ConversationFacts_Reported");
    }

    /// <summary>
    /// Raises the version of every conversation and payment about to be updated, including a conversation whose only
    /// change is in a part stored in its row (its feedback, its pending change), so the update matches only the
    /// version that was read.
    /// </summary>
    private void BumpVersions()
    {
        var updated = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Modified)
            {
                updated.Add(entry.Entity);
            }
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Metadata.FindOwnership() is { } ownership)
            {
                // An owned part's key is its owner's; Find returns the tracked owner without a query.
                var key = ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue).ToArray();
                if (Find(ownership.PrincipalEntityType.ClrType, key) is { } owner)
                {
                    updated.Add(owner);
                }
            }
        }
        foreach (var entity in updated)
        {
            var entry = Entry(entity);
            if (entry.State != EntityState.Added
                && entry.Properties.FirstOrDefault(p => p.Metadata.Name == nameof(Conversation.Version) && p.Metadata.IsConcurrencyToken) is { OriginalValue: uint read } version)
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
