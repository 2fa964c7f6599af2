using CareConsole.Core.Escalations;

namespace CareConsole.Tests.Core.Escalations;

public sealed class RepeatDetectorTests
{
    [Theory]
    [InlineData("where is my refund for MM240115?", "WHERE IS MY REFUND FOR MM240115")]
    [InlineData("how long does a UPI refund take?", "I asked: how many days for the refund to UPI?")]
    [InlineData("COD order ka refund kis account mein aata hai?", "mera sawaal tha ki COD wale order ka paisa wapas kahan milega?")]
    [InlineData("मेरे वॉलेट में कितना बैलेंस है?", "मेरे MelaMart वॉलेट में अभी कितने पैसे बचे हैं")]
    public void IsRepeat_SameQuestionInOtherWords_IsTrue(string earlier, string again) =>
        Assert.True(RepeatDetector.IsRepeat(again, earlier, 0.5));

    [Theory]
    [InlineData("how long does a UPI refund take?", "can I change my delivery address?")]
    [InlineData("ok thanks", "ok thanks")]
    [InlineData("where is my order MM240115?", "and do you sell gift cards?")]
    public void IsRepeat_AnotherQuestionOrSmallTalk_IsFalse(string earlier, string next) =>
        Assert.False(RepeatDetector.IsRepeat(next, earlier, 0.5));
}
