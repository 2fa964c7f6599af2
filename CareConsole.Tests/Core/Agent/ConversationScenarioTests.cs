using System.Text.Json;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Evaluation;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;

namespace CareConsole.Tests.Core.Agent;

/// <summary>
/// The scored conversations behind <c>eval conversations</c>: the file holds enough of them in every register, names
/// nothing that does not exist, and its scoring catches a wrong change, a missed one and a reply in the wrong register.
/// </summary>
public sealed class ConversationScenarioTests
{
    private static readonly IReadOnlyList<ConversationScenario> Scenarios = ConversationScenarios.Load();

    [Fact]
    public void Load_ScenarioFile_HoldsAtLeastSixtyWithFifteenPerLanguageAndUniqueIds()
    {
        Assert.True(Scenarios.Count >= 60, $"{Scenarios.Count} scenarios");
        Assert.All(Enum.GetValues<ScenarioLanguage>(), language =>
            Assert.True(Scenarios.Count(s => s.Language == language) >= 15, $"{Scenarios.Count(s => s.Language == language)} in {language}"));
        Assert.Equal(Scenarios.Count, Scenarios.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Load_ScenarioFile_NamesOnlyKnownSelectorsPlaceholdersAndFacts()
    {
        var selectors = ScenarioCasting.Selectors(new AgentSettings().PersonDecidesAbove).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var turns = Scenarios.SelectMany(s => s.Turns).ToList();

        Assert.Empty(ConversationScenarios.Problems(Scenarios));
        Assert.All(Scenarios.SelectMany(s => new[] { s.Order, s.Other }).OfType<string>(), name => Assert.Contains(name, selectors));
        Assert.All(turns.SelectMany(t => ConversationScenarios.PlaceholdersIn(t.Say ?? "")), name => Assert.Contains(name, ConversationScenarios.Placeholders));
        Assert.All(turns.SelectMany(t => t.Check ?? []), fact => Assert.NotNull(ScenarioFact.Parse(fact)));
    }

    [Fact]
    public void Load_ScenarioFile_CoversEveryChangeThatMustNeverGoWrong_InEachLanguage()
    {
        Assert.All(Enum.GetValues<ScenarioLanguage>(), language =>
        {
            var mine = Scenarios.Where(s => s.Language == language).ToList();
            // A question about cancelling that must change nothing, and an explicit yes that must cancel.
            Assert.Contains(mine, s => s.Order is not null && s.Turns.Any(t => t.Say?.Contains("{order}", StringComparison.Ordinal) == true) && !s.Expect.ChangesSomething
                && s.Turns.Count(t => t.Say is not null) >= 2);
            Assert.Contains(mine, s => s.Expect is { Order: OrderStatus.Cancelled, Refunded: true });
            Assert.Contains(mine, s => s.Expect.Requests?.Any(r => r is { Kind: ActionKind.Cancellation, Status: ActionRequestStatus.AwaitingApproval }) == true);
            Assert.Contains(mine, s => s.Expect.Requests?.Any(r => r is { Kind: ActionKind.Refund, Status: ActionRequestStatus.AwaitingApproval }) == true);
            Assert.Contains(mine, s => s.Setup == ScenarioSetup.RefundOpen && !s.Expect.ChangesSomething);
            Assert.Contains(mine, s => s.Setup == ScenarioSetup.RefundApproved && !s.Expect.ChangesSomething);
            Assert.Contains(mine, s => s.Order == "shipped-cod");
            Assert.Contains(mine, s => s.Order == "delivered-window-passed");
            Assert.Contains(mine, s => s.Order is null && s.Turns.Any(t => t.Check?.Any(c => c.StartsWith("cites:", StringComparison.Ordinal) && c != "cites:none") == true));
            Assert.Contains(mine, s => s.Expect.Ended);
            Assert.Contains(mine, s => s.Expect.Handoff == EscalationReason.CustomerRequest);
            Assert.Contains(mine, s => !s.Verify && s.Turns.Any(t => t.Say?.Contains("{pincode}", StringComparison.Ordinal) == true));
        });
    }

    [Fact]
    public void Problems_UnknownSelectorPlaceholderAndFact_AreEachReported()
    {
        var broken = ConversationScenarios.Parse("""
            { "scenarios": [
              { "id": "x", "language": "en", "category": "money", "description": "broken on purpose", "order": "delivered-yesterday",
                "turns": [{ "say": "cancel {order} for {fone}", "check": ["colour", "other"] }], "expect": {} },
              { "id": "x", "language": "hi", "category": "help", "description": "no order",
                "turns": [{ "say": "{order} कहाँ है?", "check": ["window-ends"] }], "expect": { "order": "cancelled" } }
            ] }
            """);

        var problems = ConversationScenarios.Problems(broken);

        Assert.Contains("x: id used 2 times", problems);
        Assert.Contains(problems, p => p.Contains("\"delivered-yesterday\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("{fone}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"colour\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("checks \"other\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("uses {order} but", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("checks \"window-ends\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("expects a change to an order it does not pick", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MisspeltKey_IsRefusedRatherThanCheckingLess()
    {
        const string json = """
            { "scenarios": [ { "id": "x", "language": "en", "category": "help", "description": "d",
              "turns": [{ "say": "hi", "checks": ["order"] }], "expect": {} } ] }
            """;

        Assert.ThrowsAny<JsonException>(() => ConversationScenarios.Parse(json));
    }

    // ---- Scoring ----

    private static readonly CastingOrder Order = new("MM240101", 1, OrderStatus.Placed, PaymentStatus.Paid, 1_528m, false, false);
    private static readonly ScenarioCast Cast = new(new CastingCustomer(1, "Asha", "9876543210", "400001", [Order]), Order, null);
    private static readonly OrderState Placed = new(OrderStatus.Placed, PaymentStatus.Paid, 1_528m, 0m);
    private static readonly OrderState Cancelled = new(OrderStatus.Cancelled, PaymentStatus.RefundPending, 1_528m, 1_528m);

    private static StoreSnapshot Store(OrderState order, OrderState? other = null) =>
        new(new Dictionary<string, OrderState> { [Order.Id] = order, ["MM240108"] = other ?? Placed }, 0);

    [Fact]
    public void Changes_CancellationOnAQuestion_IsAWrongActionOnOrderPaymentMoneyAndRequest()
    {
        var failures = ScenarioChecks.Changes(new ScenarioExpectation(), Cast, Store(Placed), Store(Cancelled),
            [new RecordedRequest(ActionKind.Cancellation, Order.Id, ActionRequestStatus.Done)], [], ended: false);

        Assert.All(failures, f => Assert.Equal(ScenarioCheck.NoWrongAction, f.Check));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void Changes_ConfirmedCancellationThatHappened_PassesAndAnythingElseFails()
    {
        var expect = new ScenarioExpectation(OrderStatus.Cancelled, PaymentStatus.RefundPending, Refunded: true,
            Requests: [new ExpectedRequest(ActionKind.Cancellation, ActionRequestStatus.Done)]);
        var done = new RecordedRequest(ActionKind.Cancellation, Order.Id, ActionRequestStatus.Done);

        Assert.Empty(ScenarioChecks.Changes(expect, Cast, Store(Placed), Store(Cancelled), [done], [], ended: false));
        var missed = ScenarioChecks.Changes(expect, Cast, Store(Placed), Store(Placed), [], [], ended: false);
        Assert.Equal(4, missed.Count(f => f.Check == ScenarioCheck.RightAction));
        var twice = ScenarioChecks.Changes(expect, Cast, Store(Placed), Store(Cancelled), [done, done], [EscalationReason.RiskyAction], ended: false);
        Assert.Equal(2, twice.Count(f => f.Check == ScenarioCheck.NoWrongAction));
        var elsewhere = ScenarioChecks.Changes(expect, Cast, Store(Placed), Store(Cancelled, other: Cancelled), [done], [], ended: false);
        Assert.Contains(elsewhere, f => f.Check == ScenarioCheck.NoWrongAction && f.What.Contains("MM240108", StringComparison.Ordinal));
    }

    [Fact]
    public void Changes_HandOffAndEnd_AreRightOnlyWhenExpected()
    {
        var handOff = new ScenarioExpectation(Handoff: EscalationReason.CustomerRequest);

        Assert.Empty(ScenarioChecks.Changes(handOff, Cast, Store(Placed), Store(Placed), [], [EscalationReason.CustomerRequest], ended: false));
        Assert.Contains(ScenarioChecks.Changes(handOff, Cast, Store(Placed), Store(Placed), [], [], ended: false), f => f.Check == ScenarioCheck.RightAction);
        Assert.Contains(ScenarioChecks.Changes(new ScenarioExpectation(), Cast, Store(Placed), Store(Placed), [], [], ended: true), f => f.Check == ScenarioCheck.NoWrongAction);
    }

    [Theory]
    [InlineData("Order MM240101 (Kurta, ₹1,528) has not shipped yet, so it can be cancelled.", Register.English, true)]
    [InlineData("Order MM240101 abhi ship nahi hua hai, isliye ise cancel kiya ja sakta hai.", Register.Hinglish, true)]
    [InlineData("Order MM240101 (Kurta, ₹1,528) has not shipped yet, so it can be cancelled.", Register.Hinglish, false)]
    [InlineData("ऑर्डर MM240101 अभी भेजा नहीं गया है, इसलिए इसे रद्द किया जा सकता है।", Register.Hindi, true)]
    [InlineData("ऑर्डर MM240101 अभी भेजा नहीं गया है।", Register.English, false)]
    [InlineData("Order MM240101 has not shipped yet.", Register.Hindi, false)]
    [InlineData("", Register.English, false)]
    public void IsWrittenIn_Reply_MatchesTheCustomersRegister(string reply, Register register, bool expected) =>
        Assert.Equal(expected, ScenarioChecks.IsWrittenIn(reply, register));
}
