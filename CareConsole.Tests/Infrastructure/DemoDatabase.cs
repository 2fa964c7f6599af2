using CareConsole.Core.Agent.Evaluation;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Infrastructure;

/// <param name="Requestable">
/// A delivered, paid order the store's rules still let the customer ask to refund, return or replace (inside its
/// window, a returnable category) and that has no request yet, from the demo history or anywhere.
/// </param>
public sealed record DemoOrder(string Id, OrderStatus Status, DateTimeOffset PlacedAt, PaymentStatus Payment, DateOnly? EstimatedDelivery, DateTimeOffset? DeliveredAt,
    bool Requestable = false, decimal Total = 0);

/// <summary>A seeded customer as the database holds them: what proves who they are and what must stay private.</summary>
public sealed record DemoCustomer(
    int Id,
    string FullName,
    string Phone,
    string Email,
    string Pincode,
    string City,
    IReadOnlyList<string> Pincodes,
    IReadOnlyList<string> Cities,
    IReadOnlyList<string> AddressLines,
    IReadOnlyList<DemoOrder> Orders)
{
    public string FirstName => FullName.Split(' ')[0];

    public DemoOrder LatestOrder => Orders.MaxBy(o => o.PlacedAt)!;

    /// <summary>Account data nobody may see before proving they are this customer.</summary>
    public IEnumerable<string> PrivateFacts => [.. Orders.Select(o => o.Id), .. Pincodes, .. Cities, Email, .. AddressLines];
}

/// <summary>Reads the demo customers and conversations of a test app straight from its database.</summary>
public static class DemoDatabase
{
    public static async Task<IReadOnlyList<DemoCustomer>> CustomersAsync(CareConsoleFactory app, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        var customers = await db.Customers.AsNoTracking()
            .Include(c => c.Addresses)
            .Include(c => c.Orders).ThenInclude(o => o.Payment)
            .Include(c => c.Orders).ThenInclude(o => o.Items).ThenInclude(i => i.Product)
            .AsSplitQuery()
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var requested = await RequestedOrdersAsync(db, cancellationToken);
        return customers.Select(c => new DemoCustomer(
                c.Id,
                c.FullName,
                c.Phone,
                c.Email,
                c.DefaultAddress!.Pincode,
                c.DefaultAddress.City,
                c.Addresses.Select(a => a.Pincode).Distinct().ToList(),
                c.Addresses.Select(a => a.City).Distinct().ToList(),
                c.Addresses.Select(a => a.Line1).ToList(),
                c.Orders.Select(o => new DemoOrder(o.Id, o.Status, o.PlacedAt, o.Payment.Status, o.EstimatedDelivery, o.DeliveredAt,
                    IsRequestable(o, requested), o.Total)).ToList()))
            .ToList();
    }

    /// <summary>The first customer (by id) with an order that fits, and that order.</summary>
    public static async Task<(DemoCustomer Customer, DemoOrder Order)> CustomerWithOrderAsync(CareConsoleFactory app, Func<DemoOrder, bool> fits, CancellationToken cancellationToken)
    {
        foreach (var customer in await CustomersAsync(app, cancellationToken))
        {
            if (customer.Orders.OrderByDescending(o => o.PlacedAt).FirstOrDefault(fits) is { } order)
            {
                return (customer, order);
            }
        }
        throw new InvalidOperationException("No demo customer has such an order.");
    }

    public static async Task<Order> OrderAsync(CareConsoleFactory app, string orderId, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        return await db.Orders.AsNoTracking().Include(o => o.Payment).SingleAsync(o => o.Id == orderId, cancellationToken);
    }

    /// <summary>A conversation with everything that hangs off it, as stored.</summary>
    public static async Task<Conversation> ConversationAsync(CareConsoleFactory app, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Include(c => c.Messages)
            .Include(c => c.ToolCalls)
            .Include(c => c.Escalations)
            .Include(c => c.ActionRequests)
            .Include(c => c.Events)
            .AsSplitQuery()
            .SingleAsync(c => c.Id == id, cancellationToken);
    }

    public static async Task<int> MessageCountAsync(CareConsoleFactory app, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        return await db.Messages.CountAsync(m => m.ConversationId == id, cancellationToken);
    }

    /// <summary>Keyword tracker hits stored for a conversation, as (tracker name, phrase).</summary>
    public static async Task<IReadOnlyList<(string Tracker, string Phrase)>> TrackerHitsAsync(CareConsoleFactory app, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        var hits = await db.TrackerHits.AsNoTracking().Where(h => h.ConversationId == id)
            .Join(db.Trackers, h => h.TrackerId, t => t.Id, (h, t) => new { t.Name, h.Phrase })
            .ToListAsync(cancellationToken);
        return hits.Select(h => (h.Name, h.Phrase)).ToList();
    }

    public static async Task<int> CountAllMessagesAndHitsAsync(CareConsoleFactory app, CancellationToken cancellationToken)
    {
        await using var db = await CreateDbContextAsync(app, cancellationToken);
        return await db.Messages.CountAsync(cancellationToken) + await db.TrackerHits.CountAsync(cancellationToken);
    }

    /// <summary>Orders that already have a refund, return, replacement or cancellation request of any kind.</summary>
    public static async Task<HashSet<string>> RequestedOrdersAsync(CareDbContext db, CancellationToken cancellationToken) =>
        (await db.ActionRequests.AsNoTracking().Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Whether the store's own rules let a refund, return or replacement be asked for today (see <see cref="DemoOrder.Requestable"/>).</summary>
    public static bool IsRequestable(Order order, HashSet<string> requested) =>
        ScenarioCasting.Judge(order, requested, StorePolicy.From(ScriptedAgent.HelpCentre), DateOnly.FromDateTime(DateTime.UtcNow)).Requestable;

    private static Task<CareDbContext> CreateDbContextAsync(CareConsoleFactory app, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(cancellationToken);
}
