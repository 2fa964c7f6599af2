using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Tests.Core.Reports;

/// <summary>
/// A varied month of conversations written through the domain's own intent methods: every channel and language,
/// identity checks passed, failed and locked, hand-offs by each rule, claims, replies, hand-backs, requests decided
/// either way, ratings, customers coming back within and after a week, chats left open and left empty.
/// </summary>
internal static class ReportScenario
{
    public static readonly DeskAgent Meera = new("agent-meera", "Meera Iyer");
    public static readonly DeskAgent Arjun = new("agent-arjun", "Arjun Nair");

    public static async Task BuildAsync(CareDbContext db, DateTimeOffset firstDay, int days, int count, int seed, CancellationToken cancellationToken)
    {
        // A demo database has its customers already; an empty one gets the demo's.
        if (!await db.Customers.AnyAsync(cancellationToken))
        {
            var demo = DemoDataGenerator.Generate(DateOnly.FromDateTime(firstDay.UtcDateTime));
            db.Products.AddRange(demo.Products);
            db.Customers.AddRange(demo.Customers);
            await db.SaveChangesAsync(cancellationToken);
        }
        var customers = await db.Customers.OrderBy(c => c.Id).Take(12).Select(c => c.Id).ToArrayAsync(cancellationToken);

        var random = new Random(seed);
        var conversations = new List<Conversation>();
        for (var i = 0; i < count; i++)
        {
            var t = firstDay + TimeSpan.FromMinutes(random.Next(days * 24 * 60));
            conversations.Add(One(random, customers, ref t, i));
        }
        db.Conversations.AddRange(conversations);
        await db.SaveChangesAsync(cancellationToken);

        // Requests have ids only once stored; a person decides them afterwards, as on the desk.
        foreach (var conversation in conversations.Where(c => c.Phase != ConversationPhase.Ended && c.AssigneeId is not null))
        {
            foreach (var request in conversation.ActionRequests.Where(r => r.Status == ActionRequestStatus.AwaitingApproval).ToList())
            {
                var agent = conversation.AssigneeId == Meera.Id ? Meera : Arjun;
                var at = conversation.UpdatedAt.AddMinutes(3);
                switch (random.Next(3))
                {
                    case 0:
                        conversation.DecideRequest(request.Id, true, request.Amount - random.Next(0, 50), "ok", agent, _ => "Approved.", at);
                        break;
                    case 1:
                        conversation.DecideRequest(request.Id, false, 0, "outside policy", agent, _ => "Rejected.", at);
                        break;
                }
            }
            if (random.Next(4) > 0)
            {
                var agent = conversation.AssigneeId == Meera.Id ? Meera : Arjun;
                var at = conversation.UpdatedAt.AddMinutes(random.Next(1, 30));
                conversation.Resolve(agent, "Sorted.", at);
                if (random.Next(2) == 0)
                {
                    conversation.Rate(random.Next(1, 6), null, at.AddMinutes(1));
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Conversation One(Random random, int[] customers, ref DateTimeOffset t, int i)
    {
        var channel = (Channel)(i % 3);
        var preference = (LanguagePreference)random.Next(3);
        var c = Conversation.Start(channel, preference, $"hash-{i}", t);
        c.ReplyAsAssistant("Hello! How can I help?", [], t);
        if (random.Next(12) == 0)
        {
            return c; // opened and never written in
        }
        var register = (Register)random.Next(3);
        Customer(c, random, register, ref t);

        if (random.Next(10) < 7)
        {
            t = t.AddSeconds(random.Next(2, 40));
            c.ClaimPhone("98" + random.Next(10_000_000, 99_999_999), t);
            var failures = random.Next(10) < 7 ? 0 : random.Next(1, 4);
            for (var f = 0; f < failures && c.Phase != ConversationPhase.Ended; f++)
            {
                c.RecordVerificationAttempt(null, t = t.AddSeconds(20));
            }
            if (c.Phase == ConversationPhase.Ended)
            {
                if (random.Next(3) == 0)
                {
                    c.NoteVerificationLocked(t.AddMinutes(15), t);
                }
                return c;
            }
            c.RecordVerificationAttempt(customers[random.Next(customers.Length)], t = t.AddSeconds(random.Next(5, 60)));
        }

        t = t.AddSeconds(random.Next(1, random.Next(10) == 0 ? 600 : 20));
        c.ReplyAsAssistant("Here is what I found.", [], t);
        for (var turn = random.Next(3); turn > 0; turn--)
        {
            Customer(c, random, register, ref t);
            c.ReplyAsAssistant("Anything else?", [], t = t.AddSeconds(random.Next(1, 90)));
        }

        var roll = random.Next(20);
        if (roll < 7)
        {
            var rule = (EscalationReason)random.Next(Enum.GetValues<EscalationReason>().Length);
            c.HandOffToHuman(rule, "why", "summary", EscalationPriority.Normal, t = t.AddSeconds(5));
            if (c.IsVerified && random.Next(2) == 0)
            {
                c.RequestAction((ActionKind)random.Next(4), "MM" + random.Next(100000, 999999), random.Next(200, 5000), "damaged", needsApproval: true, t);
            }
            if (random.Next(5) == 0)
            {
                Customer(c, random, register, ref t);
                return c; // still waiting for a person
            }
            var agent = random.Next(2) == 0 ? Meera : Arjun;
            c.TakeOver(agent, $"{agent.FirstName} has joined", t = t.AddSeconds(random.Next(30, random.Next(6) == 0 ? 20_000 : 2_000)));
            if (random.Next(6) > 0)
            {
                c.ReplyAsAgent(agent, "I'm on it.", [], t = t.AddSeconds(random.Next(10, 400)));
                Customer(c, random, register, ref t);
                c.ReplyAsAgent(agent, "Done.", [], t = t.AddSeconds(random.Next(10, 900)));
            }
            if (random.Next(4) == 0)
            {
                c.HandBack(agent, "Back to the assistant.", t = t.AddSeconds(30));
                Customer(c, random, register, ref t);
                c.ReplyAsAssistant("Glad to help.", [], t = t.AddSeconds(random.Next(1, 30)));
                End(c, random, resolved: true, ref t);
            }
            return c;
        }
        if (c.IsVerified && roll < 9)
        {
            c.RequestAction(ActionKind.Cancellation, "MM" + random.Next(100000, 999999), random.Next(100, 900), "changed mind", needsApproval: false, t);
        }
        if (roll < 16)
        {
            End(c, random, resolved: random.Next(8) > 0, ref t);
        }
        return c;
    }

    private static void Customer(Conversation c, Random random, Register register, ref DateTimeOffset t)
    {
        t = t.AddSeconds(random.Next(5, 120));
        c.ReceiveFromCustomer("message " + random.Next(1000), register, Math.Round(random.NextDouble() * 2 - 1, 2), t);
    }

    private static void End(Conversation c, Random random, bool resolved, ref DateTimeOffset t)
    {
        c.End(resolved, t = t.AddSeconds(random.Next(5, 60)));
        if (random.Next(3) > 0)
        {
            c.Rate(random.Next(1, 6), random.Next(4) == 0 ? "thanks" : null, t = t.AddSeconds(10));
        }
    }
}
