using CareConsole.Core.Catalog;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Core.Orders;

public sealed class StorePolicyTests
{
    private static StorePolicy Policy => StorePolicy.From(ScriptedAgent.HelpCentre);

    [Fact]
    public void From_TheHelpCentre_StatesARefundTimeForEveryWayOfPayingAndAWindowForEveryCategory() =>
        Assert.True(Policy.IsComplete);

    [Theory]
    [InlineData(PaymentMethod.Upi, 1, 3, DurationUnit.BusinessDays)]
    [InlineData(PaymentMethod.Card, 5, 7, DurationUnit.BusinessDays)]
    [InlineData(PaymentMethod.Emi, 5, 7, DurationUnit.BusinessDays)]
    [InlineData(PaymentMethod.Cod, 3, 5, DurationUnit.BusinessDays)]
    [InlineData(PaymentMethod.Wallet, 24, 24, DurationUnit.Hours)]
    public void RefundTime_IsWhatTheRefundArticleSays(PaymentMethod method, int min, int max, DurationUnit unit) =>
        Assert.Equal(new Duration(min, max, unit), Policy.RefundTime(method));

    [Theory]
    [InlineData(ProductCategory.Mobiles, 7, true)]
    [InlineData(ProductCategory.Fashion, 30, false)]
    [InlineData(ProductCategory.HomeAndKitchen, 10, false)]
    [InlineData(ProductCategory.Grocery, null, false)]
    public void WindowFor_IsWhatTheReturnsPolicySays(ProductCategory category, int? days, bool replacementOnly) =>
        Assert.Equal(new ReturnWindow(category, days, replacementOnly), Policy.WindowFor(category));

    [Fact]
    public void From_AnEditedArticle_ChangesThePolicy()
    {
        var edited = new KnowledgeBase(ScriptedAgent.HelpCentre.Articles.Select(a => a.Id == StorePolicy.RefundArticle
            ? a with { Markdown = a.Markdown.Replace("**UPI**: 1–3 business days", "**UPI**: 2–4 business days", StringComparison.Ordinal) }
            : a));

        Assert.Equal(new Duration(2, 4, DurationUnit.BusinessDays), StorePolicy.From(edited).RefundTime(PaymentMethod.Upi));
    }

    [Fact]
    public void LatestFrom_BusinessDays_SkipSundays()
    {
        // Friday 4 December 2026 plus three business days: Saturday, Monday, Tuesday.
        Assert.Equal(new DateOnly(2026, 12, 8), new Duration(1, 3, DurationUnit.BusinessDays).LatestFrom(new DateOnly(2026, 12, 4)));
    }
}
