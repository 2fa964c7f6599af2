using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>
/// The store's rules on which requests make sense for an order, and the true reason when one does not, in the
/// customer's register. Prepaid and cash-on-delivery orders in the same state follow the same rules; what differs
/// is only whether money was paid, and that is said plainly.
/// </summary>
public static class RequestRules
{
    /// <summary>Why <paramref name="kind"/> is not possible for <paramref name="order"/> and what is instead; null when it is.</summary>
    public static string? Refusal(Wording w, StorePolicy policy, ActionKind kind, Order order, DateOnly today)
    {
        var id = ("order", order.Id);
        var payment = order.Payment;
        var offerCancel = payment.Paid > 0 ? w.Say("offer.cancel_paid") : w.Say("offer.cancel_cod");
        var window = Window(policy, order);
        var endsOn = order.DeliveredAt is { } delivered ? window.EndsOn(delivered) : null;
        var stillOpen = endsOn is { } end && end >= today;
        var offerReturn = stillOpen ? " " + w.Say("offer.return", ("ends", w.Date(endsOn!.Value))) : "";

        switch (kind)
        {
            case ActionKind.Cancellation:
                return order.IsOpen ? null
                    : order.Status == OrderStatus.Cancelled ? w.Say("refusal.already_cancelled", id) + PaymentState(w, policy, order)
                    : order.Status == OrderStatus.Delivered ? w.Say("refusal.cancel_delivered", id, ("delivered", w.Date(order.DeliveredAt!.Value))) + offerReturn
                    : w.Say("refusal.cannot_cancel", id, ("status", w.Status(order.Status)));

            case ActionKind.Refund:
                if (payment.Status == PaymentStatus.DueOnDelivery)
                {
                    return w.Say("refusal.cod_unpaid", id) + (order.IsOpen ? " " + offerCancel : "");
                }
                if (payment.Status == PaymentStatus.Voided)
                {
                    return w.Say("refusal.nothing_paid", id);
                }
                if (payment.Status is PaymentStatus.RefundPending or PaymentStatus.Refunded)
                {
                    return PaymentState(w, policy, order).TrimStart();
                }
                if (order.IsOpen)
                {
                    return w.Say("refusal.not_delivered", id, ("status", w.Status(order.Status)), ("verb", w.Say("verb.refund"))) + " " + offerCancel;
                }
                if (payment.Refundable <= 0)
                {
                    return w.Say("refusal.nothing_left", id);
                }
                return order.Status == OrderStatus.Delivered ? WindowRefusal(w, window, order, endsOn, today) : order.Status == OrderStatus.Returned ? null
                    : w.Say("refusal.status", id, ("status", w.Status(order.Status)), ("kind", w.Kind(kind)));

            default:
                if (order.IsOpen)
                {
                    return w.Say("refusal.not_delivered", id, ("status", w.Status(order.Status)),
                        ("verb", w.Say(kind == ActionKind.Return ? "verb.return" : "verb.replacement"))) + " " + offerCancel;
                }
                if (order.Status == OrderStatus.Cancelled)
                {
                    return w.Say("refusal.already_cancelled", id) + PaymentState(w, policy, order);
                }
                if (order.Status != OrderStatus.Delivered)
                {
                    return w.Say("refusal.status", id, ("status", w.Status(order.Status)), ("kind", w.Kind(kind)));
                }
                if (kind == ActionKind.Return && window.ReplacementOnly && endsOn >= today)
                {
                    return w.Say("refusal.replacement_only", ("items", Items(order)));
                }
                return WindowRefusal(w, window, order, endsOn, today);
        }
    }

    /// <summary>
    /// The window an order is judged by: the most generous of its items' categories, since the customer may be
    /// asking about any of them; replacement only when every returnable item is.
    /// </summary>
    public static ReturnWindow Window(StorePolicy policy, Order order)
    {
        var windows = order.Items.Select(i => i.Product?.Category).OfType<Catalog.ProductCategory>().Select(policy.WindowFor).ToList();
        var returnable = windows.Where(w => w.Days is not null).ToList();
        if (returnable.Count == 0)
        {
            return windows.FirstOrDefault() ?? new ReturnWindow(Catalog.ProductCategory.Electronics, null, false);
        }
        var widest = returnable.MaxBy(w => w.Days)!;
        return widest with { ReplacementOnly = returnable.All(w => w.ReplacementOnly) };
    }

    internal static string Items(Order order) => AccountPlugin.Items(order.Items.Select(i => i.Product?.Name ?? "item").ToList());

    private static string? WindowRefusal(Wording w, ReturnWindow window, Order order, DateOnly? endsOn, DateOnly today)
    {
        if (window.Days is null)
        {
            return w.Say("refusal.not_returnable", ("items", Items(order))) + " " + w.Say("offer.person");
        }
        return endsOn is { } end && end < today
            ? w.Say("refusal.window_passed", ("order", order.Id), ("delivered", w.Date(order.DeliveredAt!.Value)),
                ("days", window.Days.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ends", w.Date(end))) + " " + w.Say("offer.person")
            : null;
    }

    /// <summary>" The ₹… is on its way back…" when money is going or has gone back; empty otherwise.</summary>
    private static string PaymentState(Wording w, StorePolicy policy, Order order) =>
        RequestState.Money(w, policy, order) is { } money ? " " + money : "";
}

/// <summary>The state of a request, told from the records: decision, amount, dates, and when money or items arrive.</summary>
public static class RequestState
{
    public static string Describe(Wording w, StorePolicy policy, ActionRequest request, Order order)
    {
        var kind = w.Kind(request.Kind);
        var decided = request.DecidedAt ?? request.CreatedAt;
        switch (request.Status)
        {
            case ActionRequestStatus.AwaitingApproval:
                return w.Say("state.awaiting", ("kind", kind), ("order", order.Id), ("date", w.Date(request.CreatedAt)));
            case ActionRequestStatus.Rejected:
                return w.Say("state.rejected", ("kind", kind), ("order", order.Id), ("date", w.Date(decided)));
        }
        var payment = order.Payment;
        switch (request.Kind)
        {
            case ActionKind.Return:
                return w.Say("state.return_approved", ("order", order.Id), ("date", w.Date(decided)), ("pickup", order.PickupOn is { } pickup ? w.Date(pickup) : "—"),
                    ("amount", Wording.Amount(request.ApprovedAmount ?? 0)), ("method", w.RefundsTo(payment.Method)), ("time", w.Time(policy.RefundTime(payment.Method))));
            case ActionKind.Replacement:
                return w.Say("state.replacement_approved", ("order", order.Id), ("date", w.Date(decided)), ("pickup", order.PickupOn is { } on ? w.Date(on) : "—"),
                    ("replacement", order.ReplacementOrderId ?? "—"), ("eta", w.Date(DateOnly.FromDateTime(decided.UtcDateTime).AddDays(Order.ReplacementDeliveryDays))));
        }
        if (request.ApprovedAmount is not > 0 || payment.RefundStartedAt is null)
        {
            return w.Say("state.no_charge", ("kind", kind), ("order", order.Id), ("date", w.Date(decided)));
        }
        if (payment.Status == PaymentStatus.Refunded)
        {
            return w.Say("state.refunded", ("order", order.Id), ("amount", Wording.Amount(request.ApprovedAmount.Value)), ("method", w.RefundsTo(payment.Method)));
        }
        return OnItsWay(w, policy, order, kind, decided, request.ApprovedAmount.Value);
    }

    /// <summary>Money going back: since when, how much, where to, and by when it arrives (or should have).</summary>
    private static string OnItsWay(Wording w, StorePolicy policy, Order order, string kind, DateTimeOffset since, decimal amount)
    {
        var payment = order.Payment;
        var due = DueBy(policy, payment)!.Value;
        return w.Say(due < w.Today ? "state.refund_overdue" : "state.refund_started", ("kind", kind), ("order", order.Id), ("date", w.Date(since)),
            ("amount", Wording.Amount(amount)), ("method", w.RefundsTo(payment.Method)), ("time", w.Time(policy.RefundTime(payment.Method))), ("due", w.Date(due)));
    }

    /// <summary>Where the order's money stands when some is going or has gone back; null when none is.</summary>
    public static string? Money(Wording w, StorePolicy policy, Order order)
    {
        var payment = order.Payment;
        var amount = payment.RefundApproved > 0 ? payment.RefundApproved : payment.Amount;
        return payment.Status switch
        {
            PaymentStatus.Refunded => w.Say("state.refunded", ("order", order.Id), ("amount", Wording.Amount(amount)), ("method", w.RefundsTo(payment.Method))),
            PaymentStatus.RefundPending when payment.RefundStartedAt is { } started => OnItsWay(w, policy, order, w.Kind(ActionKind.Refund), started, amount),
            PaymentStatus.Voided => w.Say("money.nothing_charged"),
            _ => null,
        };
    }

    public static DateOnly? DueBy(StorePolicy policy, Payment payment) =>
        payment.RefundStartedAt is { } started ? policy.RefundTime(payment.Method).LatestFrom(DateOnly.FromDateTime(started.UtcDateTime)) : null;
}
