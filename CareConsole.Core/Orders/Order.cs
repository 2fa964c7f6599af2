using CareConsole.Core.Customers;

namespace CareConsole.Core.Orders;

/// <summary>An order as the store's order system reports it. The id is the number printed on the invoice.</summary>
public sealed class Order
{
    public required string Id { get; init; }
    public int CustomerId { get; private set; }
    public Customer? Customer { get; private set; }

    /// <summary>Where this order goes, copied when it was placed so later address-book edits do not rewrite history.</summary>
    public required PostalAddress ShipTo { get; init; }

    public required OrderStatus Status { get; set; }
    public required DateTimeOffset PlacedAt { get; init; }

    /// <summary>Promised delivery date; kept after delivery so "was it late?" stays answerable.</summary>
    public DateOnly? EstimatedDelivery { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Last scan reported by the courier, e.g. "Bhiwandi sorting hub, Maharashtra".</summary>
    public string? LastLocation { get; set; }

    public string? Courier { get; init; }
    public List<OrderItem> Items { get; } = [];
    public required Payment Payment { get; init; }

    /// <summary>Amount charged in rupees: items plus delivery fee.</summary>
    public required decimal Total { get; init; }

    /// <summary>The day the courier collects the item of an approved return or replacement.</summary>
    public DateOnly? PickupOn { get; private set; }

    /// <summary>The order sent in place of this one after a replacement was approved.</summary>
    public string? ReplacementOrderId { get; private set; }

    /// <summary>For a replacement order, the order whose item it replaces.</summary>
    public string? ReplacesOrderId { get; init; }

    /// <summary>Before the parcel leaves the warehouse: cancelling needs nothing back from the courier.</summary>
    public bool HasShipped => Status is OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery;

    /// <summary>Still on its way to the customer, so it can be cancelled (after shipping, with a person's approval).</summary>
    public bool IsOpen => Status is OrderStatus.Placed or OrderStatus.Packed || HasShipped;

    /// <summary>
    /// Cancels the order: money paid starts going back at once, cash on delivery not yet collected is voided.
    /// </summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Order {Id} is {Status.Describe()} and cannot be cancelled.");
        }
        Status = OrderStatus.Cancelled;
        if (Payment.Paid > 0)
        {
            Payment.StartRefund(Payment.Refundable, now);
        }
        else
        {
            Payment.Void();
        }
    }

    /// <summary>
    /// An approved refund: the money starts going back to where it came from. A partial refund (one item of several)
    /// leaves the order as it was, so the rest can still be returned.
    /// </summary>
    public void Refund(decimal amount, DateTimeOffset now)
    {
        Payment.StartRefund(amount, now);
        if (Payment.Refundable == 0)
        {
            Status = OrderStatus.RefundPending;
        }
    }

    /// <summary>
    /// An approved return: the courier collects the item on <paramref name="pickupOn"/>; <paramref name="refund"/>
    /// is promised and starts going back once the item has passed its check.
    /// </summary>
    public void ApproveReturn(decimal refund, DateOnly pickupOn)
    {
        Payment.Promise(refund);
        PickupOn = pickupOn;
        Status = OrderStatus.PickupScheduled;
    }

    /// <summary>
    /// An approved replacement: the faulty item is collected on <paramref name="pickupOn"/> and a new order,
    /// already paid by this one, sends the same items again.
    /// </summary>
    public Order Replace(string replacementId, DateOnly pickupOn, DateTimeOffset now)
    {
        var replacement = new Order
        {
            Id = replacementId,
            ShipTo = ShipTo,
            Status = OrderStatus.Placed,
            PlacedAt = now,
            EstimatedDelivery = DateOnly.FromDateTime(now.UtcDateTime).AddDays(ReplacementDeliveryDays),
            Courier = Courier,
            ReplacesOrderId = Id,
            Total = 0,
            Payment = new Payment { Method = Payment.Method, Status = PaymentStatus.Paid, Amount = 0, Reference = $"replaces {Id}", PaidAt = now },
        };
        replacement.CustomerId = CustomerId;
        replacement.Items.AddRange(Items.Select(i => new OrderItem { ProductId = i.ProductId, Quantity = i.Quantity, UnitPrice = i.UnitPrice }));
        PickupOn = pickupOn;
        ReplacementOrderId = replacementId;
        Status = OrderStatus.PickupScheduled;
        return replacement;
    }

    /// <summary>The help centre promises a replacement in 3–7 days; the estimate takes the far end.</summary>
    public const int ReplacementDeliveryDays = 7;
}

public sealed class OrderItem
{
    public int Id { get; private set; }
    public string OrderId { get; private set; } = "";
    public required int ProductId { get; init; }
    public Catalog.Product? Product { get; private set; }
    public required int Quantity { get; init; }

    /// <summary>Price per unit when the order was placed, in rupees.</summary>
    public required decimal UnitPrice { get; init; }
}

/// <summary>The life of an order, in the order the store moves it along.</summary>
public enum OrderStatus
{
    Placed,
    Packed,
    Shipped,
    InTransit,
    OutForDelivery,
    Delivered,
    Cancelled,
    ReturnRequested,
    Returned,
    RefundPending,
    Refunded,

    /// <summary>A return or replacement was approved; the courier collects the item on the pickup date.</summary>
    PickupScheduled,
}
