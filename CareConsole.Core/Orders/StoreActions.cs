using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Orders;

/// <summary>
/// What the store does to an order when a refund, return, replacement or cancellation goes ahead — approved by a
/// person on the desk, or confirmed by the customer where policy needs no person. The order and its payment move
/// through their states; the payment never gives back more than was paid.
/// </summary>
public static class StoreActions
{
    /// <summary>
    /// Carries out <paramref name="kind"/> on <paramref name="order"/> (tracked by <paramref name="db"/>, with its
    /// payment and items loaded) and returns the rupees that go back to the customer.
    /// </summary>
    /// <param name="refund">For a refund or return, how much to give back; the rest of what is refundable when null.</param>
    /// <exception cref="InvalidOperationException">The order is no longer in a state that allows it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More than what is left of the payment.</exception>
    public static async Task<decimal> CarryOutAsync(CareDbContext db, ActionKind kind, Order order, decimal? refund, StorePolicy policy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (kind)
        {
            case ActionKind.Cancellation:
                var paid = order.Payment.Refundable;
                order.Cancel(now);
                return order.Payment.Status == PaymentStatus.RefundPending ? paid : 0;
            case ActionKind.Refund:
                // A parcel back with us (returned, or refused at the door) is refunded too.
                if (order.Status != OrderStatus.Returned)
                {
                    RequireDelivered(order, kind);
                }
                var amount = refund ?? order.Payment.Refundable;
                order.Refund(amount, now);
                return amount;
            case ActionKind.Return:
                RequireDelivered(order, kind);
                var back = refund ?? order.Payment.Refundable;
                order.ApproveReturn(back, policy.Pickup.LatestFrom(today));
                return back;
            case ActionKind.Replacement:
                RequireDelivered(order, kind);
                var replacement = order.Replace(await NextOrderIdAsync(db, cancellationToken), policy.Pickup.LatestFrom(today), now);
                db.Orders.Add(replacement);
                return 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static void RequireDelivered(Order order, ActionKind kind)
    {
        if (order.Status != OrderStatus.Delivered)
        {
            throw new InvalidOperationException($"Order {order.Id} is {order.Status.Describe()}; a {kind.ToString().ToLowerInvariant()} needs a delivered order.");
        }
    }

    /// <summary>
    /// The next free order number. Two replacements racing for it collide on the primary key, and the second
    /// decision fails cleanly rather than sharing an order.
    /// </summary>
    private static async Task<string> NextOrderIdAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        var highest = await db.Orders.MaxAsync(o => (string?)o.Id, cancellationToken);
        var number = highest is { Length: 8 } && int.TryParse(highest.AsSpan(2), out var digits) ? digits + 1 : 100_000;
        return "MM" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
