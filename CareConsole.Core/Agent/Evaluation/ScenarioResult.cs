namespace CareConsole.Core.Agent.Evaluation;

/// <summary>The four things every scenario is scored on.</summary>
public enum ScenarioCheck
{
    /// <summary>The change the customer asked for happened: an order's status, a payment, a request, a hand-off, the end.</summary>
    RightAction,

    /// <summary>Nothing else changed: no other request, order, payment or hand-off.</summary>
    NoWrongAction,

    /// <summary>Each marked reply states the facts it must (order, amount, date, days) and none it must not.</summary>
    RightFacts,

    /// <summary>Each marked reply is written the way the customer writes.</summary>
    RightLanguage,
}

/// <summary>One thing that went wrong; <see cref="Check"/> is null when the scenario could not be played at all.</summary>
public sealed record ScenarioFailure(ScenarioCheck? Check, string What);

/// <summary>A line of what happened: who ("customer", "assistant", "desk", "setup") and what they said or did.</summary>
public sealed record TranscriptLine(string Who, string Text);

/// <summary>How one scenario went, with its transcript for whoever reads a failure.</summary>
public sealed record ScenarioResult(ConversationScenario Scenario, ScenarioCast Cast, IReadOnlyList<ScenarioFailure> Failures, IReadOnlyList<TranscriptLine> Transcript)
{
    public bool Played => Failures.All(f => f.Check is not null);

    public bool Passed => Failures.Count == 0;

    /// <summary>Whether <paramref name="check"/> held; nothing holds in a scenario that could not be played.</summary>
    public bool Holds(ScenarioCheck check) => Played && Failures.All(f => f.Check != check);
}

/// <summary>How a group of scenarios did, check by check.</summary>
public sealed record ScenarioTally(string Name, int Scenarios, int Passed, int RightAction, int NoWrongAction, int RightFacts, int RightLanguage)
{
    public static ScenarioTally Of(string name, IEnumerable<ScenarioResult> results)
    {
        var list = results.ToList();
        return new ScenarioTally(name, list.Count, list.Count(r => r.Passed),
            list.Count(r => r.Holds(ScenarioCheck.RightAction)), list.Count(r => r.Holds(ScenarioCheck.NoWrongAction)),
            list.Count(r => r.Holds(ScenarioCheck.RightFacts)), list.Count(r => r.Holds(ScenarioCheck.RightLanguage)));
    }
}
