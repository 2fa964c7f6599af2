namespace CareConsole.Core.Orders;

public static class OrderStatusText
{
    /// <summary>The status as a customer reads it: "out for delivery", "refund pending".</summary>
    public static string Describe(this OrderStatus status) => status switch
    {
        OrderStatus.InTransit => "in transit",
        OrderStatus.OutForDelivery => "out for delivery",
        OrderStatus.ReturnRequested => "return requested",
        OrderStatus.RefundPending => "refund pending",
        OrderStatus.PickupScheduled => "pickup scheduled",
        _ => status.ToString().ToLowerInvariant(),
    };
}
