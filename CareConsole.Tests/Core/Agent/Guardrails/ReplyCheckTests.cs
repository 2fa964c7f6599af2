using CareConsole.Core.Agent.Guardrails;

namespace CareConsole.Tests.Core.Agent.Guardrails;

public sealed class ReplyCheckTests
{
    [Theory]
    [InlineData("Great news: your refund has been processed!", Claim.MoneyMoved)]
    [InlineData("I've refunded the amount to your card.", Claim.MoneyMoved)]
    [InlineData("₹591 has been credited to your UPI account.", Claim.MoneyMoved)]
    [InlineData("Your refund is on its way.", Claim.MoneyMoved)]
    [InlineData("Aapka refund ho gaya hai.", Claim.MoneyMoved)]
    [InlineData("आपका रिफंड हो गया है।", Claim.MoneyMoved)]
    [InlineData("Your return request has been approved.", Claim.Approved)]
    [InlineData("Aapki request approve ho gayi hai.", Claim.Approved)]
    [InlineData("Your order MM240115 has been cancelled.", Claim.Cancelled)]
    [InlineData("ऑर्डर रद्द कर दिया गया है।", Claim.Cancelled)]
    [InlineData("Your pickup has been scheduled for tomorrow.", Claim.PickupBooked)]
    public void Claims_AStatementThatSomethingHappened_IsAClaim(string reply, Claim claim) =>
        Assert.Contains(claim, ReplyCheck.Claims(reply));

    [Theory]
    [InlineData("Nothing has been refunded yet; a person will review it.")]
    [InlineData("Your refund has not been processed yet.")]
    [InlineData("A UPI refund is credited in 1–3 business days after it starts.")]
    [InlineData("If you cancel before shipping, the refund starts at once.")]
    [InlineData("I can't approve a refund myself, so nothing has been processed yet.")]
    [InlineData("अभी कुछ प्रोसेस नहीं हुआ है।")]
    [InlineData("Order MM240115 is out for delivery today.")]
    public void Claims_RulesDenialsAndFacts_AreNoClaims(string reply) =>
        Assert.Empty(ReplyCheck.Claims(reply));
}
