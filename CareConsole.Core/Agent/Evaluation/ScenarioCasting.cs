using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Conversations;
using CareConsole.Core.Customers;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Evaluation;

/// <summary>An order as the selectors judge it, on the day the scenarios are played.</summary>
/// <param name="Requestable">Delivered and paid, inside its return window, with no request yet: the store's rules let the
/// customer ask for a refund, a return or a replacement.</param>
/// <param name="WindowPassed">Delivered long enough ago that its return window has closed, with no request.</param>
public sealed record CastingOrder(string Id, int CustomerId, OrderStatus Status, PaymentStatus Payment, decimal Total, bool Requestable, bool WindowPassed)
{
    public bool Unshipped => Status is OrderStatus.Placed or OrderStatus.Packed;

    public bool OnItsWay => Status is OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery;
}

/// <summary>A demo customer: what they prove themselves with, and their orders.</summary>
public sealed record CastingCustomer(int Id, string FirstName, string Phone, string Pincode, IReadOnlyList<CastingOrder> Orders);

/// <summary>A named kind of order a scenario needs, e.g. "placed or packed, paid online, worth at most ₹10,000".</summary>
public sealed record OrderSelector(string Name, string Description, Func<CastingOrder, bool> Fits);

/// <summary>Who plays a scenario: a customer and the orders it talks about, or why none could be found.</summary>
public sealed record ScenarioCast(CastingCustomer? Customer, CastingOrder? Order, CastingOrder? Other, string? Problem = null);

/// <summary>
/// Picks a demo customer and orders for each scenario, by its selectors. Every scenario gets orders of its own, so
/// one scenario's cancellation or refund never changes what another one finds.
/// </summary>
public static class ScenarioCasting
{
    /// <summary>The selectors scenarios may name, with the order value above which a person decides.</summary>
    public static IReadOnlyList<OrderSelector> Selectors(decimal personDecidesAbove) =>
    [
        new("unshipped", "placed or packed, not yet shipped", o => o.Unshipped),
        new("unshipped-prepaid", "not yet shipped, paid online", o => o.Unshipped && o.Payment == PaymentStatus.Paid),
        new("unshipped-small-prepaid", $"not yet shipped, paid online, worth at most ₹{Wording.Amount(personDecidesAbove)}",
            o => o.Unshipped && o.Payment == PaymentStatus.Paid && o.Total <= personDecidesAbove),
        new("unshipped-small-cod", $"not yet shipped, cash on delivery, worth at most ₹{Wording.Amount(personDecidesAbove)}",
            o => o.Unshipped && o.Payment == PaymentStatus.DueOnDelivery && o.Total <= personDecidesAbove),
        new("unshipped-large", $"not yet shipped, worth more than ₹{Wording.Amount(personDecidesAbove)}",
            o => o.Unshipped && o.Total > personDecidesAbove),
        new("shipped-prepaid", "shipped, in transit or out for delivery, paid online", o => o.OnItsWay && o.Payment == PaymentStatus.Paid),
        new("shipped-cod", "shipped, in transit or out for delivery, cash on delivery not yet collected",
            o => o.OnItsWay && o.Payment == PaymentStatus.DueOnDelivery),
        new("delivered-in-window", "delivered and paid, still inside its return window, no request yet", o => o.Requestable),
        new("delivered-window-passed", "delivered long ago, its return window has passed, no request", o => o.WindowPassed),
        new("any", "any order", _ => true),
    ];

    /// <summary>Judges an order as the selectors see it, by the store's rules on <paramref name="today"/>.</summary>
    /// <param name="order">The order with its payment and items' products.</param>
    /// <param name="requested">Orders that already have a request of any kind.</param>
    public static CastingOrder Judge(Order order, IReadOnlySet<string> requested, StorePolicy policy, DateOnly today)
    {
        var fresh = !requested.Contains(order.Id);
        var delivered = order.Status == OrderStatus.Delivered && order.DeliveredAt is not null;
        var endsOn = delivered ? RequestRules.Window(policy, order).EndsOn(order.DeliveredAt!.Value) : null;
        var wording = new Wording(ReplyBook.Default, Register.English, today);
        // A day's margin each way, so a run that crosses midnight does not see a window close under it.
        var requestable = fresh && delivered && order.Payment.Status == PaymentStatus.Paid && endsOn > today
            && new[] { ActionKind.Refund, ActionKind.Return, ActionKind.Replacement }.All(kind => RequestRules.Refusal(wording, policy, kind, order, today) is null);
        var passed = fresh && delivered && endsOn < today.AddDays(-1);
        return new CastingOrder(order.Id, order.CustomerId, order.Status, order.Payment.Status, order.Total, requestable, passed);
    }

    public static CastingCustomer Customer(Customer customer, IEnumerable<CastingOrder> orders) =>
        new(customer.Id, customer.FullName.Split(' ')[0], customer.Phone, customer.DefaultAddress?.Pincode ?? "", orders.OrderBy(o => o.Id, StringComparer.Ordinal).ToList());

    /// <summary>
    /// Casts every scenario. Scenarios that need their customer to themselves are cast first, on customers whose other
    /// orders no other scenario could use; then the scarcest kinds of order are handed out first, each pick going to
    /// the customer who has played least so far, so scenarios seldom share a customer either.
    /// </summary>
    public static IReadOnlyDictionary<string, ScenarioCast> Cast(IReadOnlyList<ConversationScenario> scenarios, IReadOnlyList<CastingCustomer> customers, decimal personDecidesAbove)
    {
        var selectors = Selectors(personDecidesAbove).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var orders = customers.SelectMany(c => c.Orders).ToList();
        var byId = customers.ToDictionary(c => c.Id);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var plays = customers.ToDictionary(c => c.Id, _ => 0);
        var alone = new HashSet<int>();
        var casts = new Dictionary<string, ScenarioCast>(StringComparer.Ordinal);

        Func<CastingOrder, bool> Fits(string? name) => name is not null && selectors.TryGetValue(name, out var selector) ? selector.Fits : _ => false;

        // What the other scenarios will look for: a customer kept alone should hold as little of it as possible.
        var wanted = scenarios.Where(s => !s.NeedsCustomerAlone).SelectMany(s => new[] { s.Order, s.Other })
            .Where(name => name is not null and not "any").Distinct().Select(Fits).ToList();
        int Demand(CastingOrder pick) => byId[pick.CustomerId].Orders.Count(o => o.Id != pick.Id && wanted.Any(fits => fits(o)));

        var withOrders = scenarios.Select((scenario, index) => (scenario, index))
            .Where(s => s.scenario.Order is not null)
            .OrderByDescending(s => s.scenario.NeedsCustomerAlone)
            .ThenBy(s => orders.Count(Fits(s.scenario.Order)))
            .ThenBy(s => s.index);
        foreach (var (scenario, _) in withOrders)
        {
            var fits = Fits(scenario.Order);
            var fitsOther = Fits(scenario.Other);
            var picks = orders
                .Where(o => !used.Contains(o.Id) && !alone.Contains(o.CustomerId) && fits(o))
                .Where(o => !scenario.NeedsCustomerAlone || plays[o.CustomerId] == 0)
                .Select(o => (Order: o, Other: scenario.Other is null ? null
                    : byId[o.CustomerId].Orders.FirstOrDefault(other => other.Id != o.Id && !used.Contains(other.Id) && fitsOther(other))))
                .Where(p => scenario.Other is null || p.Other is not null)
                .OrderBy(p => scenario.NeedsCustomerAlone ? Demand(p.Order) : 0)
                .ThenBy(p => plays[p.Order.CustomerId])
                .ThenBy(p => p.Order.CustomerId)
                .ThenBy(p => p.Order.Id, StringComparer.Ordinal)
                .ToList();
            if (picks.Count == 0)
            {
                casts[scenario.Id] = new ScenarioCast(null, null, null,
                    $"no unused demo order is {Describe(scenario.Order)}" + (scenario.Other is null ? "" : $" with another that is {Describe(scenario.Other)}"));
                continue;
            }
            var (order, other) = picks[0];
            used.Add(order.Id);
            if (other is not null)
            {
                used.Add(other.Id);
            }
            plays[order.CustomerId]++;
            if (scenario.NeedsCustomerAlone)
            {
                alone.Add(order.CustomerId);
            }
            casts[scenario.Id] = new ScenarioCast(byId[order.CustomerId], order, other);
        }

        foreach (var scenario in scenarios.Where(s => s.Order is null))
        {
            var customer = scenario.NeedsCustomer ? customers.Where(c => !alone.Contains(c.Id)).OrderBy(c => plays[c.Id]).ThenBy(c => c.Id).FirstOrDefault() : null;
            if (customer is not null)
            {
                plays[customer.Id]++;
            }
            casts[scenario.Id] = scenario.NeedsCustomer && customer is null
                ? new ScenarioCast(null, null, null, "the demo database has no customer free to play it")
                : new ScenarioCast(customer, null, null);
        }
        return casts;

        string Describe(string? name) => name is not null && selectors.TryGetValue(name, out var selector) ? selector.Description : $"\"{name}\"";
    }
}
