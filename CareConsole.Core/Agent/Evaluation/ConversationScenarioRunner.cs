using System.Globalization;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Agent.Evaluation;

/// <summary>
/// Plays scenarios through the console's own services, as a customer and a person on the desk would: every
/// message goes through <see cref="ConversationService"/> (escalation rules, the agent, its guardrails, the
/// configured model) and every decision through <see cref="DeskService"/>. Scenarios run one after another on
/// orders of their own, and each is scored on what it changed in the database and what its marked replies said.
/// </summary>
public sealed class ConversationScenarioRunner(
    ConversationService conversations,
    DeskService desk,
    IDbContextFactory<CareDbContext> contexts,
    IKnowledgeIndex knowledge,
    AgentSettings settings,
    ReplyBook replies,
    TimeProvider clock)
{
    /// <summary>The person on the desk who takes chats over and decides requests in scenarios.</summary>
    public static readonly DeskAgent Person = new("evaluation-desk", "Asha Verma");

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private StorePolicy Policy => StorePolicy.From(knowledge.Knowledge);

    /// <summary>Casts <paramref name="scenarios"/> on the demo customers, then plays and scores each in turn.</summary>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(IReadOnlyList<ConversationScenario> scenarios, CancellationToken cancellationToken)
    {
        var casts = ScenarioCasting.Cast(scenarios, await CustomersAsync(cancellationToken), settings.PersonDecidesAbove);
        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            results.Add(await PlayAsync(scenario, casts[scenario.Id], cancellationToken));
        }
        return results;
    }

    private async Task<IReadOnlyList<CastingCustomer>> CustomersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = await db.Customers.AsNoTracking()
            .Include(c => c.Addresses)
            .Include(c => c.Orders).ThenInclude(o => o.Payment)
            .Include(c => c.Orders).ThenInclude(o => o.Items).ThenInclude(i => i.Product)
            .AsSplitQuery()
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var requested = (await db.ActionRequests.AsNoTracking().Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var policy = Policy;
        var today = Today;
        return customers.Select(c => ScenarioCasting.Customer(c, c.Orders.Select(o => ScenarioCasting.Judge(o, requested, policy, today)))).ToList();
    }

    private async Task<ScenarioResult> PlayAsync(ConversationScenario scenario, ScenarioCast cast, CancellationToken cancellationToken)
    {
        var play = new Play(scenario, cast, ClientKey.Named($"eval-{scenario.Id}"));
        if (cast.Problem is not null)
        {
            return play.NotPlayed(cast.Problem);
        }
        if (scenario.Setup is { } setup && await SetUpAsync(play, setup, cancellationToken) is { } problem)
        {
            return play.NotPlayed($"setup {ScenarioChecks.Name(setup)}: {problem}");
        }

        var before = await SnapshotAsync(cancellationToken);
        var chat = await StartAsync(play, cancellationToken);
        if (scenario.Verify && !await VerifyAsync(play, chat, scenario.Language, cancellationToken))
        {
            play.Fail(ScenarioCheck.RightAction, "the customer could not prove who they are");
        }
        foreach (var (turn, number) in scenario.Turns.Select((t, i) => (t, i + 1)))
        {
            if (turn.Desk is { } step)
            {
                await DeskAsync(play, chat, step, number, cancellationToken);
                continue;
            }
            var result = await SayAsync(play, chat, play.Fill(turn.Say!), cancellationToken);
            if (turn.Marked)
            {
                await CheckReplyAsync(play, turn, number, result, cancellationToken);
            }
        }

        var after = await SnapshotAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recorded = await db.ActionRequests.AsNoTracking().Where(r => r.Id > before.LastRequestId).OrderBy(r => r.Id)
            .Select(r => new RecordedRequest(r.Kind, r.OrderId, r.Status)).ToListAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Escalations).SingleAsync(c => c.Id == chat, cancellationToken);
        var handoffs = conversation.Escalations.OrderBy(e => e.CreatedAt).Select(e => e.Reason).ToList();
        play.Failures.AddRange(ScenarioChecks.Changes(scenario.Expect, cast, before, after, recorded, handoffs, conversation.Phase == ConversationPhase.Ended));
        return play.Result();
    }

    private async Task<Guid> StartAsync(Play play, CancellationToken cancellationToken)
    {
        var started = await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, cancellationToken);
        play.Transcript.Add(new TranscriptLine("assistant", started.Greeting.Reply));
        return started.Id;
    }

    /// <summary>The customer's registered number, then the pincode of their default address, as they would write them.</summary>
    private async Task<bool> VerifyAsync(Play play, Guid chat, ScenarioLanguage language, CancellationToken cancellationToken)
    {
        var (number, pincode) = language switch
        {
            ScenarioLanguage.Hi => ("मेरा मोबाइल नंबर {phone} है", "मेरा पिनकोड {pincode} है"),
            ScenarioLanguage.Hinglish => ("mera number {phone} hai", "mera pincode {pincode} hai"),
            _ => ("My number is {phone}", "My pincode is {pincode}"),
        };
        await SayAsync(play, chat, play.Fill(number), cancellationToken);
        return await SayAsync(play, chat, play.Fill(pincode), cancellationToken) is { Verified: true };
    }

    /// <summary>Sends a customer message; null when the chat had already ended and refused it.</summary>
    private async Task<TurnResult?> SayAsync(Play play, Guid chat, string text, CancellationToken cancellationToken)
    {
        play.Transcript.Add(new TranscriptLine("customer", text));
        try
        {
            var result = await conversations.SendAsync(chat, text, play.Client, cancellationToken);
            play.Transcript.Add(new TranscriptLine("assistant", result.Reply.Length > 0 ? result.Reply : "(no reply: a person has the chat)"));
            return result;
        }
        catch (ConversationEndedException)
        {
            play.Transcript.Add(new TranscriptLine("assistant", "(not delivered: the chat had ended)"));
            return null;
        }
    }

    private async Task DeskAsync(Play play, Guid chat, DeskStep step, int number, CancellationToken cancellationToken)
    {
        try
        {
            if (step == DeskStep.HandBack)
            {
                await desk.HandBackAsync(chat, Person, cancellationToken);
                play.Transcript.Add(new TranscriptLine("desk", $"{Person.FirstName} handed the chat back to the assistant"));
                return;
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var open = await db.ActionRequests.AsNoTracking()
                .Where(r => r.ConversationId == chat && r.Status == ActionRequestStatus.AwaitingApproval)
                .OrderByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (open is null)
            {
                play.Fail(ScenarioCheck.RightAction, $"turn {number}: the desk found no request in the chat to decide");
                play.Transcript.Add(new TranscriptLine("desk", "(nothing to decide)"));
                return;
            }
            var approve = step == DeskStep.Approve;
            await desk.TakeOverAsync(chat, Person, cancellationToken);
            await desk.DecideAsync(chat, open.Id, approve, open.Amount, approve ? "Checked: the customer is owed this." : "Checked: this is not owed.", Person, cancellationToken);
            play.Transcript.Add(new TranscriptLine("desk", $"{Person.FirstName} {(approve ? "approved" : "rejected")} the {ScenarioChecks.Name(open.Kind)} request on {open.OrderId}"
                + (approve && open.Kind is ActionKind.Refund or ActionKind.Return ? $" for ₹{Wording.Amount(open.Amount)}" : "")
                + $": \"{await LastSaidAsync(chat, cancellationToken)}\""));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ConversationTakenException)
        {
            play.Fail(ScenarioCheck.RightAction, $"turn {number}: the desk could not {ScenarioChecks.Name(step)}: {e.Message}");
            play.Transcript.Add(new TranscriptLine("desk", $"(refused: {e.Message})"));
        }
    }

    /// <summary>
    /// What happened to the order in another chat before this one: the request made there by the same customer,
    /// and for the approved and rejected setups, a person's decision on the desk. Null when done, or what went wrong.
    /// </summary>
    private async Task<string?> SetUpAsync(Play play, ScenarioSetup setup, CancellationToken cancellationToken)
    {
        var order = play.Cast.Order!.Id;
        var kind = setup == ScenarioSetup.ReturnApproved ? ActionKind.Return : ActionKind.Refund;
        var chat = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, cancellationToken)).Id;
        // Its messages are not part of the scenario's transcript; only what it left behind is.
        var side = new Play(play.Scenario, play.Cast, play.Client);
        if (!await VerifyAsync(side, chat, ScenarioLanguage.En, cancellationToken))
        {
            return "the customer could not prove who they are in the other chat";
        }
        var ask = kind == ActionKind.Return ? $"I want to return {order}, it doesn't fit." : $"I want a refund for {order}, it stopped working.";
        await SayAsync(side, chat, ask, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ActionRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ConversationId == chat && r.OrderId == order && r.Kind == kind && r.Status == ActionRequestStatus.AwaitingApproval, cancellationToken);
        if (request is null)
        {
            return $"the other chat recorded no {ScenarioChecks.Name(kind)} request on {order}: \"{side.Transcript[^1].Text}\"";
        }
        play.Transcript.Add(new TranscriptLine("setup", $"in another chat the customer asked: \"{ask}\"; the request was recorded for a person"));
        if (setup == ScenarioSetup.RefundOpen)
        {
            return null;
        }
        var approve = setup != ScenarioSetup.RefundRejected;
        await desk.TakeOverAsync(chat, Person, cancellationToken);
        await desk.DecideAsync(chat, request.Id, approve, request.Amount, approve ? "Checked: the customer is owed this." : "Checked: this is not owed.", Person, cancellationToken);
        play.Transcript.Add(new TranscriptLine("setup", $"{Person.FirstName} {(approve ? "approved" : "rejected")} it on the desk: \"{await LastSaidAsync(chat, cancellationToken)}\""));
        return null;
    }

    /// <summary>The latest text the customer can see in the chat: the desk's notice of a decision.</summary>
    private async Task<string> LastSaidAsync(Guid chat, CancellationToken cancellationToken) =>
        (await conversations.GetTranscriptAsync(chat, cancellationToken))?.Messages is { Count: > 0 } messages ? messages[^1].Text : "";

    private async Task CheckReplyAsync(Play play, ScenarioTurn turn, int number, TurnResult? result, CancellationToken cancellationToken)
    {
        var reply = result?.Reply ?? "";
        var register = play.Scenario.Register;
        if (!ScenarioChecks.IsWrittenIn(reply, register))
        {
            play.Fail(ScenarioCheck.RightLanguage, reply.Length == 0
                ? $"turn {number} got no reply to check"
                : $"turn {number}'s reply is not in {ScenarioChecks.Name(play.Scenario.Language)}");
        }

        var facts = (turn.Check ?? []).Select(ScenarioFact.Parse).OfType<ScenarioFact>().ToList();
        var known = play.Cast.Order is null ? null : await FactsAsync(play, register, cancellationToken);
        foreach (var fact in facts)
        {
            if (fact.Kind == FactKind.Cites)
            {
                if (result?.Citations.Any(c => c.ArticleId.StartsWith(fact.Article!, StringComparison.Ordinal)) != true)
                {
                    play.Fail(ScenarioCheck.RightFacts, $"turn {number} does not cite the help article {fact.Article}");
                }
                continue;
            }
            if (fact.Kind == FactKind.CitesNothing)
            {
                if (result?.Citations.Count > 0)
                {
                    play.Fail(ScenarioCheck.RightFacts, $"turn {number} cites the help centre ({string.Join(", ", result.Citations.Select(c => c.ArticleId))}) for a message that needed none");
                }
                continue;
            }
            var value = fact.Kind switch
            {
                FactKind.Limit => Wording.Amount(settings.PersonDecidesAbove),
                FactKind.Name => play.Cast.Customer?.FirstName,
                FactKind.Other => play.Cast.Other?.Id,
                _ => known?.GetValueOrDefault(fact.Kind),
            };
            if (value is null)
            {
                play.Fail(ScenarioCheck.RightFacts, $"turn {number} should state the {fact}, which the records do not have");
            }
            else if (!reply.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                play.Fail(ScenarioCheck.RightFacts, $"turn {number} does not state the {fact} ({value})");
            }
        }
        foreach (var words in turn.Says ?? [])
        {
            if (!reply.Contains(words, StringComparison.OrdinalIgnoreCase))
            {
                play.Fail(ScenarioCheck.RightFacts, $"turn {number} does not say \"{words}\"");
            }
        }
        foreach (var words in turn.Never ?? [])
        {
            if (reply.Contains(words, StringComparison.OrdinalIgnoreCase))
            {
                play.Fail(ScenarioCheck.RightFacts, $"turn {number} says \"{words}\", which it must not");
            }
        }
    }

    /// <summary>The scenario's order as the records state it now, each fact written as the customer reads it.</summary>
    private async Task<Dictionary<FactKind, string?>> FactsAsync(Play play, Register register, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = play.Cast.Order!.Id;
        var order = await db.Orders.AsNoTracking().Include(o => o.Payment).Include(o => o.Items).ThenInclude(i => i.Product)
            .SingleAsync(o => o.Id == id, cancellationToken);
        var requestedAt = await db.ActionRequests.AsNoTracking().Where(r => r.OrderId == id).OrderByDescending(r => r.Id)
            .Select(r => (DateTimeOffset?)r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var w = new Wording(replies, register, Today);
        var policy = Policy;
        var window = RequestRules.Window(policy, order);
        var due = RequestState.DueBy(policy, order.Payment);
        var takes = policy.RefundTime(order.Payment.Method);
        return new Dictionary<FactKind, string?>
        {
            [FactKind.Order] = order.Id,
            [FactKind.Amount] = Wording.Amount(order.Total),
            [FactKind.Refund] = order.Payment.RefundApproved > 0 ? Wording.Amount(order.Payment.RefundApproved) : null,
            [FactKind.RefundDue] = due is { } by ? w.Date(by) : null,
            // The numbers only: "1–3 business days" and "1–3 कामकाजी दिन" state the same fact.
            [FactKind.RefundTime] = takes.Min == takes.Max || takes.Unit == DurationUnit.Hours
                ? takes.Max.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{takes.Min}–{takes.Max}"),
            [FactKind.DeliveredOn] = order.DeliveredAt is { } delivered ? w.Date(delivered) : null,
            [FactKind.WindowEnds] = order.DeliveredAt is { } at && window.EndsOn(at) is { } ends ? w.Date(ends) : null,
            [FactKind.WindowDays] = window.Days?.ToString(CultureInfo.InvariantCulture),
            [FactKind.Status] = w.Status(order.Status),
            [FactKind.RequestedOn] = requestedAt is { } asked ? w.Date(asked) : null,
            [FactKind.Pickup] = order.PickupOn is { } pickup ? w.Date(pickup) : null,
        };
    }

    private async Task<StoreSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking()
            .Select(o => new { o.Id, o.Status, o.Payment })
            .ToListAsync(cancellationToken);
        var lastRequest = await db.ActionRequests.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        return new StoreSnapshot(
            orders.ToDictionary(o => o.Id, o => new OrderState(o.Status, o.Payment.Status, o.Payment.Paid, o.Payment.RefundApproved), StringComparer.Ordinal),
            lastRequest);
    }

    /// <summary>One scenario being played: who plays it, what was said and done, and what went wrong so far.</summary>
    private sealed class Play(ConversationScenario scenario, ScenarioCast cast, ClientKey client)
    {
        public ConversationScenario Scenario => scenario;

        public ScenarioCast Cast => cast;

        public ClientKey Client => client;

        public List<TranscriptLine> Transcript { get; } = [];

        public List<ScenarioFailure> Failures { get; } = [];

        public void Fail(ScenarioCheck check, string what) => Failures.Add(new ScenarioFailure(check, what));

        public ScenarioResult Result() => new(scenario, cast, Failures, Transcript);

        public ScenarioResult NotPlayed(string why) => new(scenario, cast, [.. Failures, new ScenarioFailure(null, why)], Transcript);

        /// <summary>The customer's words with the cast's order numbers, total, phone and pincode in place.</summary>
        public string Fill(string text) => text
            .Replace("{order}", cast.Order?.Id, StringComparison.Ordinal)
            .Replace("{other}", cast.Other?.Id, StringComparison.Ordinal)
            .Replace("{amount}", cast.Order is { } order ? Wording.Amount(order.Total) : null, StringComparison.Ordinal)
            .Replace("{phone}", cast.Customer?.Phone, StringComparison.Ordinal)
            .Replace("{pincode}", cast.Customer?.Pincode, StringComparison.Ordinal);
    }
}
