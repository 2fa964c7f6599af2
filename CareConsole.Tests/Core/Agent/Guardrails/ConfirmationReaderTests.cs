using CareConsole.Core.Agent.Guardrails;

namespace CareConsole.Tests.Core.Agent.Guardrails;

public sealed class ConfirmationReaderTests
{
    private const string Order = "MM240115";

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes please")]
    [InlineData("yes, cancel it")]
    [InlineData("confirm")]
    [InlineData("ok go ahead")]
    [InlineData("haan")]
    [InlineData("haan ji kar do")]
    [InlineData("kar do na")]
    [InlineData("हाँ")]
    [InlineData("हां कर दो")]
    [InlineData("जी हाँ, रद्द कर दीजिए")]
    [InlineData("yes cancel MM240115")]
    public void Read_AnExplicitYes_Confirms(string message) =>
        Assert.Equal(Confirmation.Yes, ConfirmationReader.Read(message, Order));

    [Theory]
    [InlineData("no")]
    [InlineData("No, keep it")]
    [InlineData("nahi")]
    [InlineData("mat karo")]
    [InlineData("नहीं")]
    [InlineData("रहने दो")]
    public void Read_AnExplicitNo_Declines(string message) =>
        Assert.Equal(Confirmation.No, ConfirmationReader.Read(message, Order));

    [Theory]
    [InlineData("ok")]
    [InlineData("maybe")]
    [InlineData("not sure")]
    [InlineData("shayad, soch ke batata hoon")]
    [InlineData("achha")]
    [InlineData("ठीक है")]
    public void Read_NeitherYesNorNo_IsHesitant(string message) =>
        Assert.Equal(Confirmation.Hesitant, ConfirmationReader.Read(message, Order));

    [Theory]
    [InlineData("yes?")]
    [InlineData("I think so")]
    [InlineData("yes but what about my refund")]
    [InlineData("what happens if I do")]
    [InlineData("yes cancel MM999999")]
    [InlineData("no wait, yes")]
    [InlineData("हाँ पर रिफंड कब आएगा?")]
    [InlineData("kya main cancel kar sakta hoon")]
    [InlineData("")]
    public void Read_AnythingElse_ConfirmsNothing(string message) =>
        Assert.Equal(Confirmation.Unclear, ConfirmationReader.Read(message, Order));
}
