using CareConsole.Core.Agent.Evaluation;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Agent;

/// <summary>Scenarios played through the app's own conversation and desk services, on its demo data and offline model.</summary>
public sealed class ConversationScenarioRunnerTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationScenarioRunner Runner => ActivatorUtilities.CreateInstance<ConversationScenarioRunner>(app.Factory.Services);

    [Fact]
    public async Task RunAsync_OneScenarioPerLanguage_EachPassesAllFourChecks()
    {
        // A cancellation confirmed in English, a refund approved on the desk then asked about in Hindi, and the same
        // refund asked for twice in Hinglish.
        string[] ids = ["en-cancel-yes", "hi-refund-status-after-approval", "hinglish-refund-asked-twice"];
        var scenarios = ConversationScenarios.Load().Where(s => ids.Contains(s.Id)).ToList();

        var results = await Runner.RunAsync(scenarios, Ct);

        Assert.Equal(ids.Order(), results.Select(r => r.Scenario.Id).Order());
        Assert.All(results, result => Assert.True(result.Passed, Describe(result)));
    }

    [Fact]
    public async Task RunAsync_ScenarioExpectingNoChangeWhileTheCustomerCancels_FailsWithWhatChanged()
    {
        var scenario = Assert.Single(ConversationScenarios.Parse("""
            { "scenarios": [ { "id": "wrongly-expects-nothing", "language": "en", "category": "money",
              "description": "cancels and says yes, but expects nothing to change", "order": "unshipped-small-prepaid", "verify": true,
              "turns": [{ "say": "cancel {order}" }, { "say": "yes", "check": ["order", "limit"] }], "expect": {} } ] }
            """));

        var result = Assert.Single(await Runner.RunAsync([scenario], Ct));

        Assert.True(result.Played, Describe(result));
        Assert.False(result.Holds(ScenarioCheck.NoWrongAction));
        Assert.Contains(result.Failures, f => f.Check == ScenarioCheck.NoWrongAction && f.What.Contains("cancellation request", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Check == ScenarioCheck.RightFacts && f.What.Contains("limit", StringComparison.Ordinal));
        Assert.True(result.Holds(ScenarioCheck.RightAction));
        Assert.True(result.Holds(ScenarioCheck.RightLanguage));
    }

    private static string Describe(ScenarioResult result) =>
        string.Join("\n", [result.Scenario.Id, .. result.Failures.Select(f => $"{f.Check}: {f.What}"), .. result.Transcript.Select(l => $"{l.Who}: {l.Text}")]);
}
