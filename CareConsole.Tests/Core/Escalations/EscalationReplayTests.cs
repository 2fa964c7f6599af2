using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Escalations.Evaluation;

namespace CareConsole.Tests.Core.Escalations;

public sealed class EscalationReplayTests
{
    private static readonly string[] Splits = ["dev", "holdout", "test"];

    [Fact]
    public void Scripts_HoldAtLeastFortyConversationsCoveringEveryRuleAndLanguage()
    {
        var scripts = Splits.SelectMany(EscalationReplay.Load).ToList();

        Assert.True(scripts.Count >= 40, $"{scripts.Count} scripts");
        Assert.All(Enum.GetValues<EscalationReason>().Where(r => r != EscalationReason.AgentDecision),
            rule => Assert.Contains(scripts, s => s.ExpectedRule == rule));
        Assert.Contains(scripts, s => s.ExpectedRule is null);
        Assert.Equal(["en", "hi", "hinglish", "mixed"], scripts.Select(s => s.Language).Distinct().Order());
    }

    [Fact]
    public void Detector_CatchesEveryLabelledRequestForAPerson_AndNoMessageBeforeIt()
    {
        var requests = Splits.SelectMany(EscalationReplay.Load).Where(s => s.ExpectedRule == EscalationReason.CustomerRequest).ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, script =>
        {
            var at = script.ExpectedAt!.Value;
            Assert.True(HumanRequestDetector.IsAskingForPerson(script.Messages[at - 1].Text), $"{script.Id}: \"{script.Messages[at - 1].Text}\"");
            Assert.All(script.Messages.Take(at - 1), m => Assert.False(HumanRequestDetector.IsAskingForPerson(m.Text), $"{script.Id}: \"{m.Text}\""));
        });
    }

    [Fact]
    public void Replay_NoLabelledCalmConversation_IsHandedOver()
    {
        var policy = new EscalationPolicy(new EscalationSettings());
        var calm = Splits.SelectMany(EscalationReplay.Load).Where(s => s.ExpectedAt is null).ToList();

        var handedOver = calm.Select(s => EscalationReplay.Replay(policy, CareConsole.Core.Sentiment.LexiconSentimentModel.Default, s))
            .Where(o => o.At is not null).Select(o => o.Script.Id).ToList();

        Assert.Empty(handedOver);
    }

    [Fact]
    public void Replay_EveryCustomerWhoAsksForAPerson_HasOneByThatMessage()
    {
        var report = ReplayAll();

        var (labelled, inTime) = report.PersonInTime(EscalationReason.CustomerRequest);

        Assert.True(labelled >= 20, $"{labelled} labelled requests");
        Assert.Equal(labelled, inTime);
    }

    [Fact]
    public void Replay_OverTheWholeSet_HandsOverRightNineTimesInTen()
    {
        var report = ReplayAll();

        Assert.True(report.Precision >= 0.9, $"precision {report.Precision:0.000}");
        Assert.True(report.Recall >= 0.9, $"recall {report.Recall:0.000}");
    }

    private static EscalationReport ReplayAll()
    {
        var policy = new EscalationPolicy(new EscalationSettings());
        return new EscalationReport(Splits.SelectMany(EscalationReplay.Load)
            .Select(s => EscalationReplay.Replay(policy, CareConsole.Core.Sentiment.LexiconSentimentModel.Default, s)).ToList());
    }

    [Fact]
    public void Parse_ReadsExpectationsAndAnnotations()
    {
        var script = Assert.Single(EscalationReplay.Parse("""
            # a comment
            === x1 | en | refund after two misses
            expect: RiskyAction @3
            > where is my refund? [no-answer]
            > hello?
            > refund MM240115 please [risky:refund]
            """));

        Assert.Equal(("x1", EscalationReason.RiskyAction, 3), (script.Id, script.ExpectedRule, script.ExpectedAt));
        Assert.False(script.Messages[0].Turn.Helped);
        Assert.Equal("where is my refund?", script.Messages[0].Text);
        Assert.Equal(ActionKind.Refund, Assert.Single(script.Messages[2].Turn.Approvals).Kind);
    }

    [Theory]
    [InlineData("=== x | en | d\nexpect: Nope @1\n> hi", "expect: Nope @1")]
    [InlineData("=== x | en | d\nexpect: CustomerRequest @3\n> hi", "past its end")]
    [InlineData("=== x | en | d\nexpect: none\n> hi [maybe]", "Unknown annotation [maybe]")]
    [InlineData("hello", "Not part of a script")]
    public void Parse_Mistake_IsNamed(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => EscalationReplay.Parse(text)).Message, StringComparison.Ordinal);
}
