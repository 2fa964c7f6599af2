using CareConsole.Core.Orders;

namespace CareConsole.Tests.Infrastructure;

/// <summary>The words an English reply uses for each order status, as the customer reads them.</summary>
public static class StatusWords
{
    public static readonly IReadOnlyDictionary<OrderStatus, string> English = new Dictionary<OrderStatus, string>
    {
        [OrderStatus.Placed] = "placed",
        [OrderStatus.Packed] = "packed",
        [OrderStatus.Shipped] = "shipped",
        [OrderStatus.InTransit] = "in transit",
        [OrderStatus.OutForDelivery] = "out for delivery",
        [OrderStatus.Delivered] = "delivered",
        [OrderStatus.Cancelled] = "cancelled",
        [OrderStatus.ReturnRequested] = "return",
        [OrderStatus.Returned] = "returned",
        [OrderStatus.RefundPending] = "refund",
        [OrderStatus.Refunded] = "refunded",
    };

    /// <summary>The words for a status as the API spells it ("in_transit").</summary>
    public static string OfApiStatus(string status) => English[Enum.Parse<OrderStatus>(status.Replace("_", "", StringComparison.Ordinal), ignoreCase: true)];
}
