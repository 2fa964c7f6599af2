using CareConsole.Core.Knowledge;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class ArticleFactsTests
{
    [Theory]
    [InlineData("UPI: 1–3 business days, card 5-7, up to ₹20,000 or ₹499; 5% back; 24x7", new[] { "1–3", "5–7", "₹20,000", "₹499", "5%", "24", "7" })]
    [InlineData("UPI में 1–3 कार्य दिवस, ₹ 999 सालाना", new[] { "1–3", "₹999" })]
    [InlineData("१० दिन, 6-digit OTP", new[] { "10", "6" })]
    [InlineData("no numbers here", new string[0])]
    public void Numbers_DaysRangesAmountsAndPercentages_AreWrittenOneWay(string text, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), ArticleFacts.Numbers(text).Order(StringComparer.Ordinal));
    }
}
