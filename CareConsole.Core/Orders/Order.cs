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
}
