using System.Text.Json;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using CareConsole.Core.Text;

namespace CareConsole.Core.Agent.Evaluation;

/// <summary>An order and its money as they stand.</summary>
/// <param name="Paid">What the customer has paid (nothing while cash on delivery is uncollected).</param>
/// <param name="RefundApproved">What has been approved to go back to them, started or promised.</param>
public sealed record OrderState(OrderStatus Status, PaymentStatus Payment, decimal Paid, decimal RefundApproved);

/// <summary>Every order in the store, and the newest request, at one moment.</summary>
public sealed record StoreSnapshot(IReadOnlyDictionary<string, OrderState> Orders, long LastRequestId);

/// <summary>A request recorded while a scenario played.</summary>
public sealed record RecordedRequest(ActionKind Kind, string OrderId, ActionRequestStatus Status);

/// <summary>
/// What a scenario changed, against what it should have: the expected changes happened (right action) and nothing
/// else did (no wrong action); and whether a reply is in the customer's language.
/// </summary>
public static class ScenarioChecks
{
    private static readonly JsonNamingPolicy Kebab = JsonNamingPolicy.KebabCaseLower;

    /// <summary>
    /// Compares the store before and after the scenario's turns (setups come before the first snapshot), the
    /// requests recorded meanwhile, and what became of the scenario's chat.
    /// </summary>
    public static IReadOnlyList<ScenarioFailure> Changes(ScenarioExpectation expect, ScenarioCast cast, StoreSnapshot before, StoreSnapshot after,
        IReadOnlyList<RecordedRequest> recorded, IReadOnlyList<EscalationReason> handoffs, bool ended)
    {
        var failures = new List<ScenarioFailure>();
        void Right(string what) => failures.Add(new ScenarioFailure(ScenarioCheck.RightAction, what));
        void Wrong(string what) => failures.Add(new ScenarioFailure(ScenarioCheck.NoWrongAction, what));

        var orderId = cast.Order?.Id;
        foreach (var (id, now) in after.Orders.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (!before.Orders.TryGetValue(id, out var was))
            {
                Wrong($"a new order {id} was created ({Name(now.Status)})");
                continue;
            }
            if (id != orderId)
            {
                if (now != was)
                {
                    Wrong($"order {id}, which the customer did not ask about, changed: {Difference(was, now)}");
                }
                continue;
            }

            if (expect.Order is { } status)
            {
                if (now.Status != status)
                {
                    Right($"order {id} is {Name(now.Status)}, not {Name(status)}");
                }
            }
            else if (now.Status != was.Status)
            {
                Wrong($"order {id} went from {Name(was.Status)} to {Name(now.Status)}");
            }

            if (expect.Payment is { } payment)
            {
                if (now.Payment != payment)
                {
                    Right($"the payment for {id} is {Name(now.Payment)}, not {Name(payment)}");
                }
            }
            else if (now.Payment != was.Payment)
            {
                Wrong($"the payment for {id} went from {Name(was.Payment)} to {Name(now.Payment)}");
            }

            var moved = now.RefundApproved - was.RefundApproved;
            var owed = was.Paid - was.RefundApproved;
            if (expect.Refunded)
            {
                if (moved != owed)
                {
                    Right($"₹{Wording.Amount(moved)} of {id} was approved to go back, not the ₹{Wording.Amount(owed)} paid");
                }
            }
            else if (moved != 0)
            {
                Wrong($"₹{Wording.Amount(moved)} of {id} was approved to go back");
            }
        }

        var left = recorded.ToList();
        foreach (var wanted in expect.Requests ?? [])
        {
            var on = wanted.OnOther ? cast.Other?.Id : orderId;
            var match = left.FindIndex(r => r.Kind == wanted.Kind && r.OrderId == on && r.Status == wanted.Status);
            if (match >= 0)
            {
                left.RemoveAt(match);
                continue;
            }
            var instead = left.FindIndex(r => r.Kind == wanted.Kind && r.OrderId == on);
            if (instead >= 0)
            {
                Right($"the {Name(wanted.Kind)} request on {on} is {Name(left[instead].Status)}, not {Name(wanted.Status)}");
                left.RemoveAt(instead);
            }
            else
            {
                Right($"no {Name(wanted.Kind)} request was recorded on {on}");
            }
        }
        foreach (var extra in left)
        {
            Wrong($"a {Name(extra.Kind)} request on {extra.OrderId} was recorded ({Name(extra.Status)})");
        }

        if (expect.Handoff is { } reason && !handoffs.Contains(reason))
        {
            Right(handoffs.Count == 0 ? $"the chat was not handed to a person ({Name(reason)})" : $"the chat was handed to a person for {NamesOf(handoffs)}, not {Name(reason)}");
        }
        foreach (var unexpected in handoffs.Distinct().Where(h => h != expect.Handoff))
        {
            Wrong($"the chat was handed to a person ({Name(unexpected)})");
        }

        if (expect.Ended && !ended)
        {
            Right("the chat did not end");
        }
        else if (!expect.Ended && ended)
        {
            Wrong("the chat ended");
        }
        return failures;
    }

    /// <summary>
    /// Whether <paramref name="reply"/> is written as <paramref name="register"/> is: Hindi mostly in Devanagari;
    /// Hinglish in Latin letters with Hindi words in them, not plain English; English with neither.
    /// </summary>
    public static bool IsWrittenIn(string reply, Register register)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return false;
        }
        var devanagari = reply.Any(UnicodeWords.IsDevanagari);
        return register switch
        {
            Register.Hindi => LanguageDetector.Detect(reply, Register.English) == Register.Hindi,
            Register.Hinglish => !devanagari && LanguageDetector.Detect(reply, Register.English) == Register.Hinglish,
            _ => !devanagari && LanguageDetector.Detect(reply, Register.English) == Register.English,
        };
    }

    /// <summary>An enum value as the scenario file writes it: "refund-pending", "awaiting-approval".</summary>
    public static string Name(Enum value) => Kebab.ConvertName(value.ToString());

    private static string NamesOf(IEnumerable<EscalationReason> reasons) => string.Join(", ", reasons.Distinct().Select(r => Name(r)));

    private static string Difference(OrderState was, OrderState now)
    {
        var changes = new List<string>();
        if (now.Status != was.Status)
        {
            changes.Add($"{Name(was.Status)} → {Name(now.Status)}");
        }
        if (now.Payment != was.Payment)
        {
            changes.Add($"payment {Name(was.Payment)} → {Name(now.Payment)}");
        }
        if (now.RefundApproved != was.RefundApproved)
        {
            changes.Add($"₹{Wording.Amount(now.RefundApproved - was.RefundApproved)} approved to go back");
        }
        return string.Join(", ", changes);
    }
}
