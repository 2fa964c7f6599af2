using System.Globalization;
using System.Reflection;
using CareConsole.Components.Words;
using CareConsole.Core.Conversations;

namespace CareConsole.Tests.Components;

public sealed class CustomerWordsTests
{
    [Fact]
    public void EveryText_HasAnEnglishAndAHindiVersion_InDevanagari()
    {
        var keys = CustomerWords.Keys().ToList();

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var english = CustomerWords.English.Get(key);
            var hindi = CustomerWords.Hindi.Get(key);
            Assert.False(string.IsNullOrWhiteSpace(english), key);
            Assert.NotEqual(english, hindi);
            Assert.True(hindi.Any(c => c is >= '\u0900' and <= '\u097F'), $"{key}: '{hindi}' is not in Devanagari");
        }
    }

    [Fact]
    public void EveryLabelTheComponentsRead_IsAText()
    {
        // Each property reads the text of its own name: a property without a text would fail here, not on a page.
        var labels = typeof(CustomerWords).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.Name != nameof(CustomerWords.LanguageTag));

        foreach (var label in labels)
        {
            Assert.False(string.IsNullOrWhiteSpace((string)label.GetValue(CustomerWords.Hindi)!), label.Name);
        }
        Assert.Contains("Please wait 7 seconds", CustomerWords.English.SlowDown(7), StringComparison.Ordinal);
        Assert.Equal("1 star", CustomerWords.English.Stars(1));
        Assert.Equal("3 स्टार", CustomerWords.Hindi.Stars(3));
    }

    [Theory]
    [InlineData(Register.English, "en")]
    [InlineData(Register.Hindi, "hi")]
    [InlineData(Register.Hinglish, "en")]
    public void Conversation_InEachLanguage_GetsItsWords(Register register, string tag) =>
        Assert.Equal(tag, CustomerWords.For(register).LanguageTag);

    [Theory]
    [InlineData("hi-IN,hi;q=0.9,en;q=0.8", "hi")]
    [InlineData("en-IN,en;q=0.9,hi;q=0.8", "en")]
    [InlineData("en;q=0.5,hi;q=0.9", "hi")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    [InlineData("%%%;;;", "en")]
    public void Browser_MostPreferredLanguage_ChoosesTheHelpCentresWords(string? acceptLanguage, string tag) =>
        Assert.Equal(tag, CustomerWords.ForBrowser(acceptLanguage).LanguageTag);

    [Fact]
    public void Texts_AreTheSameWhateverTheServersCulture()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("hi-IN");
            Assert.Equal("Send", CustomerWords.English.Send);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
