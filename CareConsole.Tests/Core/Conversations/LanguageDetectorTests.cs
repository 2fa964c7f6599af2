using CareConsole.Core.Conversations;

namespace CareConsole.Tests.Core.Conversations;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("मेरा ऑर्डर कहाँ है?")]
    [InlineData("रिफंड कितने दिन में आता है?")]
    [InlineData("मेरा ऑर्डर MM240115 कहाँ है")]
    public void Detect_Devanagari_IsHindi(string text)
    {
        Assert.Equal(Register.Hindi, LanguageDetector.Detect(text, Register.English));
    }

    [Theory]
    [InlineData("mera order kahan hai")]
    [InlineData("mujhe refund chahiye")]
    [InlineData("order MM241613 cancel kar do please")]
    [InlineData("please cancel it, ho gaya kya")]
    [InlineData("shayad, soch ke batata hoon")]
    [InlineData("order abhi tak nahi aaya")]
    public void Detect_HindiInLatinLetters_IsHinglish(string text)
    {
        Assert.Equal(Register.Hinglish, LanguageDetector.Detect(text, Register.English));
    }

    [Theory]
    [InlineData("where is my order")]
    [InlineData("How long do refunds take for UPI?")]
    [InlineData("I want to return my shoes")]
    public void Detect_English_IsEnglish(string text)
    {
        Assert.Equal(Register.English, LanguageDetector.Detect(text, Register.Hindi));
    }

    [Theory]
    [InlineData("9876543210", Register.Hindi)]
    [InlineData("9876543210", Register.Hinglish)]
    [InlineData("ok", Register.Hindi)]
    [InlineData("ok", Register.Hinglish)]
    [InlineData("ok", Register.English)]
    [InlineData("MM240115", Register.Hindi)]
    public void Detect_NothingToGoOn_KeepsTheCurrentRegister(string text, Register current)
    {
        Assert.Equal(current, LanguageDetector.Detect(text, current));
    }
}
