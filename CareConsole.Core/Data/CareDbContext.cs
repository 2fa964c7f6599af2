using CareConsole.Core.Catalog;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Customers;
using CareConsole.Core.Orders;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using CareConsole.Core.Text;
using CareConsole.Core.Trackers;
using CareConsole.Core.Verification;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Data;

/// <summary>
/// The one database of CareConsole: store data mirrored for support, conversations, staff accounts, and the keys that
/// sign staff cookies and forms (so a restart or another instance honours them). Each database engine has a context
/// of its own (<see cref="Sqlite.SqliteCareDbContext"/>, <see cref="PostgreSQL.PostgresCareDbContext"/>) with what only
/// it maps and its own migrations; the app works with this type and never asks which one it has.
/// </summary>
public abstract class CareDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ToolCall> ToolCalls => Set<ToolCall>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<ActionRequest> ActionRequests => Set<ActionRequest>();
    public DbSet<ReportingEvent> ReportingEvents => Set<ReportingEvent>();
    public DbSet<TrackerDefinition> Trackers => Set<TrackerDefinition>();
    public DbSet<TrackerHit> TrackerHits => Set<TrackerHit>();
    public DbSet<VerificationAttempt> VerificationAttempts => Set<VerificationAttempt>();
    public DbSet<VerificationLock> VerificationLocks => Set<VerificationLock>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ConversationFacts> ConversationFacts => Set<ConversationFacts>();

    /// <summary>
    /// <paramref name="time"/> as this engine's column holds it, for the few statements written in SQL (an upsert EF
    /// Core cannot express), which bypass the model's value conversions.
    /// </summary>
    internal virtual object StoredTime(DateTimeOffset time) => time;

    /// <summary>
    /// Makes the open transaction take turns with every other transaction (in any process) that names one of the same
    /// <paramref name="locks"/>, until it ends: a count read and then written cannot be raced past.
    /// </summary>
    /// <param name="locks">Lock classes and keys, taken in this order.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    internal abstract Task TakeTurnsAsync(IReadOnlyList<(int Class, int Key)> locks, CancellationToken cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>What an engine does to the changes just before they are written, after the shared preparation.</summary>
    protected virtual void OnSaving()
    {
    }

    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        MarkConversationsChanged();
        OnSaving();
        RepairText();
    }

    /// <summary>
    /// A new message, event, hand-off or decision changes its conversation even when no column of the conversation's
    /// own row does (a simulated clock can leave UpdatedAt as it was): the row is written anyway, so its version moves
    /// and the dashboard's facts (<see cref="Reports.FactsProjector"/>) know to be worked out again.
    /// </summary>
    private void MarkConversationsChanged()
    {
        HashSet<Guid>? changed = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Message or ReportingEvent or Escalation or ActionRequest
                && entry.Property(nameof(Message.ConversationId)).CurrentValue is Guid id)
            {
                (changed ??= []).Add(id);
            }
        }
        if (changed is null)
        {
            return;
        }
        foreach (var conversation in ChangeTracker.Entries<Conversation>())
        {
            if (conversation.State == EntityState.Unchanged && changed.Contains(conversation.Entity.Id))
            {
                conversation.Property(c => c.UpdatedAt).IsModified = true;
            }
        }
    }

    /// <summary>
    /// PostgreSQL refuses half a surrogate pair, NUL and text longer than its column, and one refused value fails the
    /// whole save: a customer's request for a person would be lost with a model's broken emoji. People's text is
    /// checked where it arrives; this repairs whatever code or a model put together, just before it is written.
    /// </summary>
    private void RepairText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }
                var repaired = SafeText.Repair(text);
                // A column's limit is a promise the code keeps by shortening where it composes text; this keeps it
                // when a composition ran long, instead of failing the turn.
                if (property.Metadata.GetMaxLength() is { } max && repaired.Length > max)
                {
                    repaired = SafeText.Shorten(repaired, max, "…");
                }
                if (!ReferenceEquals(repaired, text))
                {
                    property.CurrentValue = repaired;
                }
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Customer>(customer =>
        {
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.FullName).HasMaxLength(120);
            customer.Property(c => c.Phone).HasMaxLength(10);
            customer.Property(c => c.Email).HasMaxLength(200);
            customer.HasIndex(c => c.Phone).IsUnique();
            customer.ComplexProperty(c => c.Membership, membership =>
            {
                membership.Property(m => m.Plan).HasConversion<string>().HasMaxLength(16).HasColumnName("MembershipPlan");
                membership.Property(m => m.Since).HasColumnName("MemberSince");
                membership.Property(m => m.RenewsOn).HasColumnName("MembershipRenewsOn");
            });
            customer.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.CustomerId);
            customer.HasMany(c => c.Orders).WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId);
            customer.Ignore(c => c.FirstName);
            customer.Ignore(c => c.DefaultAddress);
        });

        builder.Entity<Address>(address =>
        {
            address.Property(a => a.Label).HasMaxLength(40);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(80);
            address.Property(a => a.State).HasMaxLength(80);
            address.Property(a => a.Pincode).HasMaxLength(6).IsFixedLength();
        });

        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Id).ValueGeneratedNever();
            product.Property(p => p.Sku).HasMaxLength(32);
            product.HasIndex(p => p.Sku).IsUnique();
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Category).HasConversion<string>().HasMaxLength(32);
            product.Property(p => p.Price).HasPrecision(12, 2);
        });

        builder.Entity<Order>(order =>
        {
            order.Property(o => o.Id).HasMaxLength(20).ValueGeneratedNever();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.LastLocation).HasMaxLength(200);
            order.Property(o => o.Courier).HasMaxLength(60);
            order.Property(o => o.Total).HasPrecision(12, 2);
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            order.ComplexProperty(o => o.ShipTo, shipTo =>
            {
                shipTo.Property(a => a.Line1).HasMaxLength(200).HasColumnName("ShipToLine1");
                shipTo.Property(a => a.Line2).HasMaxLength(200).HasColumnName("ShipToLine2");
                shipTo.Property(a => a.City).HasMaxLength(80).HasColumnName("ShipToCity");
                shipTo.Property(a => a.State).HasMaxLength(80).HasColumnName("ShipToState");
                shipTo.Property(a => a.Pincode).HasMaxLength(6).IsFixedLength().HasColumnName("ShipToPincode");
            });
            order.Property(o => o.ReplacementOrderId).HasMaxLength(20);
            order.Property(o => o.ReplacesOrderId).HasMaxLength(20);
            order.Ignore(o => o.HasShipped);
            order.Ignore(o => o.IsOpen);
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
            order.HasOne(o => o.Payment).WithOne().HasForeignKey<Payment>(p => p.OrderId);
        });

        builder.Entity<OrderItem>(item =>
        {
            item.Property(i => i.UnitPrice).HasPrecision(12, 2);
            item.HasOne(i => i.Product).WithMany().HasForeignKey(i => i.ProductId);
        });

        builder.Entity<Payment>(payment =>
        {
            payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
            payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            payment.Property(p => p.Amount).HasPrecision(12, 2);
            payment.Property(p => p.Reference).HasMaxLength(64);
            payment.HasIndex(p => p.OrderId).IsUnique();
            payment.Property(p => p.RefundApproved).HasPrecision(12, 2);
            // Every approval writes the payment, so two at once cannot both pass the refundable check: Version is a
            // concurrency token, which each engine's context maps its own way.
            payment.Ignore(p => p.Paid);
            payment.Ignore(p => p.Refundable);
        });

        MapConversations(builder);

        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(80);
            user.Ignore(u => u.FirstName);
        });

        builder.Entity<SignInAttempt>(attempt =>
        {
            attempt.Property(a => a.Email).HasMaxLength(256);
            attempt.Property(a => a.Client).HasMaxLength(ClientKey.MaxLength);
            attempt.HasIndex(a => new { a.Email, a.At });
        });

        builder.Entity<PersonalAccessToken>(token =>
        {
            token.Property(t => t.StaffUserId).HasMaxLength(450);
            token.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.StaffUserId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.Name).HasMaxLength(PersonalAccessToken.MaxNameLength);
            token.Property(t => t.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength);
            token.Property(t => t.Hash).HasMaxLength(64);
            // Every call to the reporting API finds its token by the prefix; the hash decides.
            token.HasIndex(t => t.Prefix);
        });

        // The two roles are part of the schema: authorisation checks name them, so they exist in every database.
        builder.Entity<IdentityRole>().HasData(
            new IdentityRole { Id = "role-agent", Name = StaffRoles.Agent, NormalizedName = "AGENT", ConcurrencyStamp = "role-agent-v1" },
            new IdentityRole { Id = "role-manager", Name = StaffRoles.Manager, NormalizedName = "MANAGER", ConcurrencyStamp = "role-manager-v1" });
    }

    private static void MapConversations(ModelBuilder builder)
    {
        builder.Entity<Conversation>(conversation =>
        {
            conversation.Property(c => c.Id).ValueGeneratedNever();
            conversation.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.LanguagePreference).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.Register).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.Owner).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.Phase).HasConversion<string>().HasMaxLength(16);
            conversation.Property(c => c.TokenHash).HasMaxLength(64);
            // Version (mapped by each engine's context): a concurrent change makes SaveChanges fail instead of overwriting.
            conversation.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.VerifiedCustomerId).OnDelete(DeleteBehavior.Restrict);
            conversation.Property(c => c.ClaimedPhone).HasMaxLength(10);
            conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId);
            conversation.HasMany(c => c.ToolCalls).WithOne().HasForeignKey(t => t.ConversationId);
            conversation.HasMany(c => c.Escalations).WithOne().HasForeignKey(e => e.ConversationId);
            conversation.HasMany(c => c.ActionRequests).WithOne().HasForeignKey(a => a.ConversationId);
            conversation.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ConversationId);
            conversation.OwnsOne(c => c.Feedback, feedback =>
            {
                feedback.Property(f => f.Rating).HasColumnName("FeedbackRating");
                feedback.Property(f => f.Comment).HasMaxLength(2000).HasColumnName("FeedbackComment");
                feedback.Property(f => f.RatedAt).HasColumnName("FeedbackRatedAt");
            });
            conversation.OwnsOne(c => c.PendingChange, change =>
            {
                change.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16).HasColumnName("PendingKind");
                change.Property(p => p.OrderId).HasMaxLength(20).HasColumnName("PendingOrderId");
                change.Property(p => p.Amount).HasPrecision(12, 2).HasColumnName("PendingAmount");
                change.Property(p => p.NeedsPerson).HasColumnName("PendingNeedsPerson");
                change.Property(p => p.ExpiresAt).HasColumnName("PendingExpiresAt");
            });
            conversation.HasIndex(c => new { c.Status, c.UpdatedAt });
            // The desk's queue: conversations a person owns or should.
            conversation.HasIndex(c => new { c.Owner, c.Phase });
            conversation.Property(c => c.AssigneeId).HasMaxLength(450);
            conversation.Property(c => c.AssigneeName).HasMaxLength(256);
            conversation.Property(c => c.ResolutionNote).HasMaxLength(4000);
            conversation.Ignore(c => c.IsVerified);
            conversation.Ignore(c => c.VerificationAttemptsLeft);
        });

        builder.Entity<Message>(message =>
        {
            message.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
            message.Property(m => m.Register).HasConversion<string>().HasMaxLength(16);
            message.OwnsMany(m => m.Citations, citation => citation.ToJson());
            message.HasIndex(m => new { m.ConversationId, m.Id });
            message.Ignore(m => m.IsCustomerVisible);
            message.Property(m => m.StaffName).HasMaxLength(256);
        });

        builder.Entity<ToolCall>(call =>
        {
            call.Property(t => t.Name).HasMaxLength(64);
            call.Property(t => t.Model).HasMaxLength(32);
            call.HasIndex(t => t.ConversationId);
        });

        builder.Entity<Escalation>(escalation =>
        {
            escalation.Property(e => e.Reason).HasConversion<string>().HasMaxLength(32);
            escalation.Property(e => e.Priority).HasConversion<string>().HasMaxLength(16);
            escalation.Property(e => e.Why).HasMaxLength(500);
            escalation.Property(e => e.ClaimedById).HasMaxLength(450);
            escalation.Property(e => e.ClaimedByName).HasMaxLength(256);
            escalation.HasIndex(e => e.ConversationId);
        });

        builder.Entity<ActionRequest>(request =>
        {
            request.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            request.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
            request.Property(a => a.OrderId).HasMaxLength(20);
            request.Property(a => a.Amount).HasPrecision(12, 2);
            request.Property(a => a.Reason).HasMaxLength(4000);
            request.Property(a => a.ApprovedAmount).HasPrecision(12, 2);
            request.Property(a => a.DecisionNote).HasMaxLength(4000);
            request.Property(a => a.DecidedById).HasMaxLength(450);
            request.Property(a => a.DecidedByName).HasMaxLength(256);
            request.HasIndex(a => new { a.Status, a.CreatedAt });
            request.Ignore(a => a.IsOpen);
            // One open request per order and kind, whichever conversation or channel asks: two chats racing to
            // ask for the same refund cannot both record it.
            request.HasIndex(a => new { a.OrderId, a.Kind }).IsUnique().HasFilter("\"Status\" = 'AwaitingApproval'").HasDatabaseName("IX_ActionRequests_OneOpenPerOrderAndKind");
        });

        builder.Entity<ReportingEvent>(reportingEvent =>
        {
            reportingEvent.Property(e => e.Name).HasConversion<string>().HasMaxLength(32);
            reportingEvent.HasIndex(e => new { e.Name, e.At });
            reportingEvent.HasIndex(e => e.ConversationId);
        });

        builder.Entity<TrackerDefinition>(tracker =>
        {
            tracker.ToTable("Trackers");
            tracker.Property(t => t.Name).HasMaxLength(TrackerDefinition.MaxNameLength);
            tracker.HasIndex(t => t.Name).IsUnique();
            tracker.Property(t => t.Mode).HasConversion<string>().HasMaxLength(16);
            // Two managers editing one tracker at once must not both make "the next" revision: the second is refused.
            // The back-fill's progress is written with the revision in its condition instead, so it never conflicts.
            tracker.Property(t => t.Revision).IsConcurrencyToken();
            tracker.Ignore(t => t.Phrases);
            tracker.Ignore(t => t.AllPhrases);
            tracker.Ignore(t => t.BackfillProgress);
        });

        builder.Entity<VerificationAttempt>(attempt =>
        {
            attempt.Property(a => a.Phone).HasMaxLength(10);
            attempt.Property(a => a.Client).HasMaxLength(ClientKey.MaxLength);
            attempt.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
            attempt.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
            // Failures in the last hour, per number and per client.
            attempt.HasIndex(a => new { a.Phone, a.At });
            attempt.HasIndex(a => new { a.Client, a.At });
        });

        builder.Entity<VerificationLock>(verificationLock =>
        {
            verificationLock.HasKey(l => l.Subject);
            verificationLock.Property(l => l.Subject).HasMaxLength(VerificationLock.MaxSubjectLength);
        });

        builder.Entity<ConversationFacts>(facts =>
        {
            facts.HasKey(f => f.ConversationId);
            facts.HasOne<Conversation>().WithOne().HasForeignKey<ConversationFacts>(f => f.ConversationId).OnDelete(DeleteBehavior.Cascade);
            facts.Property(f => f.Channel).HasConversion<string>().HasMaxLength(16);
            facts.Property(f => f.Language).HasConversion<string>().HasMaxLength(16);
            facts.Property(f => f.OwnerAtEnd).HasConversion<string>().HasMaxLength(16);
            facts.Property(f => f.Rule).HasConversion<string>().HasMaxLength(32);
            facts.Property(f => f.AgentId).HasMaxLength(450);
            // Every report counts the conversations started in a range of days.
            facts.HasIndex(f => f.StartedAt);
            // Durable resolution: did the same customer come back?
            facts.HasIndex(f => new { f.CustomerId, f.StartedAt });
        });

        builder.Entity<TrackerHit>(hit =>
        {
            hit.Property(h => h.Phrase).HasMaxLength(TrackerDefinition.MaxPhraseLength);
            hit.PrimitiveCollection(h => h.Places);
            hit.Ignore(h => h.Spans);
            hit.HasOne<TrackerDefinition>().WithMany().HasForeignKey(h => h.TrackerId).OnDelete(DeleteBehavior.Cascade);
            hit.HasOne<Message>().WithMany().HasForeignKey(h => h.MessageId).OnDelete(DeleteBehavior.Cascade);
            hit.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId).OnDelete(DeleteBehavior.Cascade);
            // The dashboard counts hits per tracker over a time range.
            hit.HasIndex(h => new { h.TrackerId, h.At });
            hit.HasIndex(h => h.MessageId);
            // One hit per tracker and message, whoever writes it: the live path and any number of back-fills (on
            // several instances) insert with ON CONFLICT, so a message is never counted twice.
            hit.HasIndex(h => new { h.TrackerId, h.MessageId }).IsUnique();
        });
    }
}
