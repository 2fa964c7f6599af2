using System.ComponentModel;
using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>
/// The verified customer's own account. Every method takes the customer from the conversation, never from the
/// model, and refuses when nobody is verified: another customer's order number simply is not found.
/// </summary>
public sealed class AccountPlugin
{
    internal const string NotVerified = "The customer is not verified. Ask for their registered mobile number, then the 6-digit pincode of a saved delivery address.";

    [KernelFunction("get_profile")]
    [Description("The verified customer's name, e-mail, membership and saved address cities.")]
    public static async Task<object> GetProfileAsync(Kernel kernel, CancellationToken cancellationToken)
    {
        var turn = AgentTurn.Of(kernel);
        if (turn.Conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(NotVerified);
        }
        var customer = await turn.Db.Customers.AsNoTracking().Include(c => c.Addresses).SingleAsync(c => c.Id == customerId, cancellationToken);
        return new ProfileView(
            customer.FullName,
            customer.Email,
            customer.Phone,
            customer.Membership.IsActive ? "MelaMart Plus" : "none",
            Date(customer.Membership.RenewsOn),
            customer.Addresses.Select(a => new AddressView(a.Label, a.City, a.State, a.IsDefault)).ToList());
    }

    [KernelFunction("list_orders")]
    [Description("The verified customer's most recent orders, newest first: order number, status, dates, total and items.")]
    public static async Task<object> ListOrdersAsync(
        Kernel kernel,
        [Description("How many orders to list, 1 to 10; 5 if not given.")] int limit = 5,
        CancellationToken cancellationToken = default)
    {
        var turn = AgentTurn.Of(kernel);
        if (turn.Conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(NotVerified);
        }
        var orders = turn.Db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        var recent = await orders
            .OrderByDescending(o => o.PlacedAt)
            .Take(Math.Clamp(limit, 1, 10))
            .Select(o => new
            {
                o.Id, o.Status, o.PlacedAt, o.Total, o.EstimatedDelivery, o.DeliveredAt,
                Items = o.Items.Select(i => i.Product!.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new OrderList(
            await orders.CountAsync(cancellationToken),
            recent.Select(o => new OrderSummary(o.Id, o.Status.Describe(), Date(o.PlacedAt)!, o.Total, Items(o.Items),
                o.Status is OrderStatus.Delivered or OrderStatus.Cancelled ? null : Date(o.EstimatedDelivery), Date(o.DeliveredAt))).ToList());
    }

    [KernelFunction("get_order")]
    [Description("Full details of one of the verified customer's orders: status, items, payment, delivery estimate and the courier's last scan.")]
    public static async Task<object> GetOrderAsync(
        Kernel kernel,
        [Description("The order number, e.g. MM240115.")] string orderId,
        CancellationToken cancellationToken)
    {
        var turn = AgentTurn.Of(kernel);
        if (turn.Conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(NotVerified);
        }
        var id = OrderNumbers.Normalise(orderId);
        var order = id is null ? null : await turn.Db.Orders.AsNoTracking()
            .Include(o => o.Items).ThenInclude(i => i.Product)
            .Include(o => o.Payment)
            // The customer filter is the guardrail: another account's order reads as not found.
            .SingleOrDefaultAsync(o => o.Id == id && o.CustomerId == customerId, cancellationToken);
        if (order is null)
        {
            return new ToolRefusal($"No order {orderId} on this customer's account.");
        }
        var requests = await turn.Db.ActionRequests.AsNoTracking()
            .Where(r => r.OrderId == order.Id)
            .OrderByDescending(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        var window = RequestRules.Window(turn.Policy, order);
        return new OrderDetails(
            order.Id,
            order.Status.Describe(),
            Date(order.PlacedAt)!,
            order.Total,
            order.Items.Select(i => new OrderLine(i.Product?.Name ?? "item", i.Quantity, i.UnitPrice)).ToList(),
            order.Payment.Method.ToString(),
            order.Payment.Status.ToString(),
            order.Status is OrderStatus.Delivered or OrderStatus.Cancelled ? null : Date(order.EstimatedDelivery),
            Date(order.DeliveredAt),
            order.LastLocation,
            order.Courier,
            order.ShipTo.City,
            order.DeliveredAt is { } delivered ? Date(window.EndsOn(delivered)) : null,
            window.ReplacementOnly,
            requests.DistinctBy(r => r.Kind).Select(r => RequestState.Describe(turn.Wording, turn.Policy, r, order)).ToList(),
            Options(turn, order, requests));
    }

    /// <summary>
    /// What the customer can still do about the order, in their words, decided by the store's rules: cancel it,
    /// return or replace it until a date, or why not. Null when a request already says it all.
    /// </summary>
    [KernelFunction("get_requests")]
    [Description("The customer's refund, return, replacement and cancellation requests with their decisions, amounts, dates and when money or items are expected. Use it for any question about the status of a request.")]
    public static async Task<object> GetRequestsAsync(
        Kernel kernel,
        [Description("Only the requests on this order number, e.g. MM240115; all recent ones if not given.")] string? orderId = null,
        CancellationToken cancellationToken = default)
    {
        var turn = AgentTurn.Of(kernel);
        if (turn.Conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(NotVerified);
        }
        var id = OrderNumbers.Normalise(orderId);
        if (orderId is { Length: > 0 } && id is null)
        {
            return new ToolRefusal($"{orderId} is not an order number.");
        }
        var requests = await turn.Db.ActionRequests.AsNoTracking()
            .Where(r => r.CustomerId == customerId && (id == null || r.OrderId == id))
            .OrderByDescending(r => r.CreatedAt)
            .Take(10)
            .ToListAsync(cancellationToken);
        var orderIds = requests.Select(r => r.OrderId).Append(id).OfType<string>().Distinct().ToList();
        var orders = await turn.Db.Orders.AsNoTracking().Include(o => o.Payment)
            .Where(o => o.CustomerId == customerId && orderIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        if (id is not null && !orders.ContainsKey(id))
        {
            return new ToolRefusal($"No order {orderId} on this customer's account.");
        }
        // Money on its way back without a request here (a cancellation or return the store made): said from the payment.
        var refunding = await turn.Db.Orders.AsNoTracking().Include(o => o.Payment)
            .Where(o => o.CustomerId == customerId && (id == null || o.Id == id) && !requests.Select(r => r.OrderId).Contains(o.Id)
                && (o.Payment.Status == PaymentStatus.RefundPending || o.Payment.Status == PaymentStatus.Refunded))
            .OrderByDescending(o => o.PlacedAt)
            .Take(3)
            .ToListAsync(cancellationToken);
        return new RequestList(
            id is null ? null : orders[id].Status.Describe(),
            requests.Where(r => orders.ContainsKey(r.OrderId)).Select(r => View(turn, r, orders[r.OrderId])).ToList(),
            refunding.Select(o => RequestState.Money(turn.Wording, turn.Policy, o)).OfType<string>().ToList());
    }

    private static string? Options(AgentTurn turn, Order order, List<Conversations.ActionRequest> requests)
    {
        var w = turn.Wording;
        if (requests.Any(r => r.IsOpen))
        {
            return null;
        }
        if (order.IsOpen)
        {
            return w.Say(order.Payment.Paid > 0 ? "offer.cancel_paid" : "offer.cancel_cod");
        }
        if (order.Status != OrderStatus.Delivered)
        {
            return RequestState.Money(w, turn.Policy, order);
        }
        return RequestRules.Refusal(w, turn.Policy, ActionKind.Replacement, order, turn.Today)
            ?? w.Say("offer.return", ("ends", w.Date(RequestRules.Window(turn.Policy, order).EndsOn(order.DeliveredAt!.Value)!.Value)));
    }

    private static RequestView View(AgentTurn turn, ActionRequest request, Order order) =>
        new(request.Kind.ToString().ToLowerInvariant(), request.OrderId, Status(request.Status), Date(request.CreatedAt)!, request.Amount,
            request.ApprovedAmount, Date(request.DecidedAt), order.Status.Describe(), order.Payment.Method.ToString(),
            Date(order.Payment.RefundStartedAt), Date(RequestState.DueBy(turn.Policy, order.Payment)),
            turn.Wording.Time(turn.Policy.RefundTime(order.Payment.Method)),
            Date(order.PickupOn), order.ReplacementOrderId,
            RequestState.Describe(turn.Wording, turn.Policy, request, order));

    private static string Status(ActionRequestStatus status) => status switch
    {
        ActionRequestStatus.AwaitingApproval => "awaiting approval",
        ActionRequestStatus.Done => "done",
        _ => status.ToString().ToLowerInvariant(),
    };

    internal static string Items(IReadOnlyList<string> names) =>
        names.Count switch
        {
            0 => "no items",
            1 => names[0],
            _ => $"{names[0]} and {names.Count - 1} more",
        };

    internal static string? Date(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
