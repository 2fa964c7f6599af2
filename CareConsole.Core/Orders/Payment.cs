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

    /// <summary>
    /// Rupees approved to go back to the customer, started or promised: never more than <see cref="Paid"/>, whoever
    /// approves and however many requests there are.
    /// </summary>
    public decimal RefundApproved { get; private set; }

    /// <summary>When the refund started on its way back; the payment method's time runs from here.</summary>
    public DateTimeOffset? RefundStartedAt { get; private set; }

    /// <summary>Changes on every write, so two people approving money at once cannot both succeed.</summary>
    public uint Version { get; private set; }

    /// <summary>What the customer actually paid: nothing while cash on delivery is uncollected.</summary>
    public decimal Paid => Status is PaymentStatus.DueOnDelivery or PaymentStatus.Voided ? 0 : Amount;

    /// <summary>What could still go back to the customer.</summary>
    public decimal Refundable => Paid - RefundApproved;

    /// <summary>Starts sending <paramref name="amount"/> back to where the money came from.</summary>
    public void StartRefund(decimal amount, DateTimeOffset now)
    {
        Promise(amount);
        Status = PaymentStatus.RefundPending;
        RefundStartedAt = now;
    }

    /// <summary>Commits <paramref name="amount"/> to go back later (after a return's pickup and check).</summary>
    public void Promise(decimal amount)
    {
        if (amount <= 0 || amount > Refundable)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"At most ₹{Refundable:#,0.##} of this order can still be refunded (₹{Paid:#,0.##} paid, ₹{RefundApproved:#,0.##} already approved)."));
        }
        RefundApproved += amount;
    }

    /// <summary>Cancelled before any money changed hands.</summary>
    public void Void() => Status = PaymentStatus.Voided;
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
