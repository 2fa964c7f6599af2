namespace CareConsole.Core.Orders;

public sealed class Payment
{
    public int Id { get; private set; }
    public string OrderId { get; private set; } = "";
    public required PaymentMethod Method { get; init; }
    public required PaymentStatus Status { get; set; }

    /// <summary>Amount in rupees.</summary>
    public required decimal Amount { get; init; }

    /// <summary>What the customer can quote back: a UPI transaction id, the card's last four digits, a wallet name.</summary>
    public required string Reference { get; init; }

    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>Number of monthly instalments for EMI payments.</summary>
    public int? Instalments { get; init; }
}

public enum PaymentMethod
{
    Upi,
    Card,
    Cod,
    Emi,
    Wallet,
}

public enum PaymentStatus
{
    /// <summary>Cash on delivery not yet collected.</summary>
    DueOnDelivery,
    Paid,
    RefundPending,
    Refunded,
    /// <summary>Cancelled before any money changed hands.</summary>
    Voided,
}
