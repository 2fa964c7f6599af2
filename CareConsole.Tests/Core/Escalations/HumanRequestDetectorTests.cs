using CareConsole.Core.Escalations;

namespace CareConsole.Tests.Core.Escalations;

public sealed class HumanRequestDetectorTests
{
    [Theory]
    [InlineData("I want to talk to a human")]
    [InlineData("Can I speak to a real person?")]
    [InlineData("Connect me with an agent please")]
    [InlineData("Transfer me to customer care")]
    [InlineData("human please")]
    [InlineData("Agent")]
    [InlineData("I need a live agent now")]
    [InlineData("Let me speak with your supervisor")]
    [InlineData("Get me a representative")]
    [InlineData("Can I chat with someone from customer service?")]
    [InlineData("I'd like to talk to a manager")]
    [InlineData("Let me talk to customer support")]
    [InlineData("Put me through to a human")]
    [InlineData("Is there a real person I can talk to?")]
    [InlineData("I don't want to talk to a bot, I want a human")]
    [InlineData("Can I get an agent please")]
    [InlineData("Is there a manager or supervisor I can speak to?")]
    [InlineData("if someone on your team could look at the photos I'd appreciate being transferred")]
    [InlineData("could customer care call me back on my registered number")]
    public void IsAskingForPerson_EnglishRequest_IsTrue(string text)
    {
        Assert.True(HumanRequestDetector.IsAskingForPerson(text));
    }

    [Theory]
    [InlineData("mujhe insaan se baat karni hai")]
    [InlineData("kisi agent se baat karwao")]
    [InlineData("customer care se baat karao")]
    [InlineData("agent chahiye")]
    [InlineData("human se baat karni hai")]
    [InlineData("kisi insaan se baat karwa do")]
    [InlineData("executive se connect karo")]
    [InlineData("mujhe aapke manager se baat karni hai")]
    [InlineData("agent ko bulao")]
    [InlineData("bot se nahi, insaan se baat karni hai")]
    [InlineData("mujhe real person chahiye")]
    [InlineData("support team se baat karao")]
    [InlineData("bot nahi chahiye, insaan se baat karao")]
    [InlineData("koi banda hai kya wahan jisse baat ho sake?")]
    [InlineData("customer care ke kisi bande se call karwa do")]
    public void IsAskingForPerson_HinglishRequest_IsTrue(string text)
    {
        Assert.True(HumanRequestDetector.IsAskingForPerson(text));
    }

    [Theory]
    [InlineData("किसी इंसान से बात कराइए")]
    [InlineData("मुझे एजेंट से बात करनी है")]
    [InlineData("कस्टमर केयर से बात करवाइए")]
    [InlineData("इंसान चाहिए")]
    [InlineData("मुझे किसी व्यक्ति से बात करनी है")]
    [InlineData("एजेंट से जोड़ दीजिए")]
    [InlineData("कृपया किसी कर्मचारी से बात कराइए")]
    [InlineData("ग्राहक सेवा से बात करवाइए")]
    [InlineData("आदमी बुलाइए")]
    [InlineData("बॉट नहीं, असली इंसान से बात करनी है")]
    [InlineData("मैनेजर से बात कराओ")]
    [InlineData("मुझे बॉट नहीं चाहिए, इंसान से बात कराइए")]
    public void IsAskingForPerson_HindiRequest_IsTrue(string text)
    {
        Assert.True(HumanRequestDetector.IsAskingForPerson(text));
    }

    [Theory]
    [InlineData("I don't want to talk to a human")]
    [InlineData("agent nahi chahiye")]
    [InlineData("इंसान नहीं चाहिए")]
    [InlineData("where is my order")]
    [InlineData("return policy for people who bought phones")]
    [InlineData("mera order kahan hai")]
    [InlineData("मेरा ऑर्डर कहाँ है?")]
    [InlineData("The delivery agent was rude")]
    [InlineData("no need for a person, you answered it")]
    [InlineData("kisi se baat karne ki zaroorat nahi, ho gaya")]
    [InlineData("नहीं, किसी से बात करवाने की ज़रूरत नहीं है, आपने बता दिया")]
    [InlineData("koi baat nahi, ye batao gift wrap ho sakta hai?")]
    [InlineData("No need to escalate to a manager, my mistake")]
    [InlineData("your executive called me yesterday and said the refund is done")]
    [InlineData("delivery agent ने कहा कि card swipe भी हो सकता है")]
    [InlineData("can someone check where my order is?")]
    [InlineData("can I get a senior citizen discount?")]
    public void IsAskingForPerson_NotARequest_IsFalse(string text)
    {
        Assert.False(HumanRequestDetector.IsAskingForPerson(text));
    }
}
