using System.Text;
using System.Text.RegularExpressions;
using CareConsole.Core.Conversations;
using CareConsole.Core.Customers;
using CareConsole.Core.Escalations;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Models.Offline;

/// <summary>What an order question is after.</summary>
internal enum OrderQuestion
{
    None,
    Track,
    List,
}

/// <summary>
/// What the offline model reads in one customer message: the facts in it (phone, pincode, city, order number)
/// and what the customer wants, in English, Hindi or Hinglish.
/// </summary>
internal sealed record MessageUnderstanding(
    string Text,
    string? Phone,
    string? Pincode,
    string? City,
    string? OrderId,
    bool Greeting,
    bool WantsPerson,
    bool Thanks,
    bool Bye,
    OrderQuestion Order,
    ActionKind? Action,
    bool ActionIsQuestion,
    bool Profile,
    bool HelpQuestion,
    bool OffersIdentity,
    bool Complaint = false,
    bool RequestStatus = false,
    bool Hypothetical = false)
{
    /// <summary>Wants something only the account can answer.</summary>
    public bool NeedsAccount => Order != OrderQuestion.None || (Action is not null && !ActionIsQuestion) || Profile || RequestStatus
        || (Complaint && !ActionIsQuestion);

    /// <summary>Only thanks, a greeting or a goodbye: nothing to look up.</summary>
    public bool SmallTalk => (Greeting || Thanks || Bye) && !HelpQuestion && Action is null && !Complaint && !RequestStatus && Order == OrderQuestion.None;
}

internal static partial class MessageReader
{
    /// <param name="text">The customer's message.</param>
    /// <param name="orderTalkedAbout">
    /// The one order the assistant just spoke of, which "it", "this order" or "ise" in the message refers to.
    /// </param>
    public static MessageUnderstanding Read(string text, string? orderTalkedAbout = null)
    {
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var orderId = OrderNumbers.Normalise(text) ?? (orderTalkedAbout is not null && RefersBack().IsMatch(lower) ? orderTalkedAbout : null);
        // Digits of an order number are not a phone number or a pincode.
        var digitsText = orderId is null ? lower : OrderNumbers.Without(lower);
        var (phone, pincode) = Numbers(digitsText);

        var action = Refund().IsMatch(lower) ? ActionKind.Refund
            : Replace().IsMatch(lower) ? ActionKind.Replacement
            : Cancel().IsMatch(lower) ? ActionKind.Cancellation
            : Return().IsMatch(lower) ? ActionKind.Return
            : (ActionKind?)null;
        var asksHowOrWhen = PolicyQuestion().IsMatch(lower);
        var aboutAnOrder = orderId is not null || OrderWord().IsMatch(lower);
        // "Where is my refund?", "refund kab aayega?": about a request already made, never a new one.
        var requestStatus = action is not null && StatusCue().IsMatch(lower) && !Wants().IsMatch(lower);
        var complaint = Complaint().IsMatch(lower);
        var order = List().IsMatch(lower) ? OrderQuestion.List
            : Track().IsMatch(lower) && aboutAnOrder && !requestStatus && !complaint && !(action is not null && asksHowOrWhen) ? OrderQuestion.Track
            : OrderQuestion.None;

        var words = Word().Count(lower);
        var onlyPleasantries = (Thanks().IsMatch(lower) || Bye().IsMatch(lower)) && !Question().IsMatch(lower) && !HelpTopic().IsMatch(lower);
        return new MessageUnderstanding(
            text,
            phone,
            pincode,
            IndianCities.FindIn(text),
            orderId,
            Greeting: Greeting().IsMatch(lower) && words <= 6,
            WantsPerson: HumanRequestDetector.IsAskingForPerson(text),
            Thanks: Thanks().IsMatch(lower),
            Bye: Bye().IsMatch(lower),
            order,
            action,
            // A question about the rules with no order named is answered from the help centre.
            ActionIsQuestion: action is not null && orderId is null && !requestStatus && (asksHowOrWhen || (!complaint && Question().IsMatch(lower) && !Wants().IsMatch(lower))),
            Profile: Profile().IsMatch(lower),
            HelpQuestion: Question().IsMatch(lower) || HelpTopic().IsMatch(lower) || (words >= 4 && !onlyPleasantries),
            // "Do you deliver to Mumbai?" names a city without claiming it: only a statement, a bare answer or an
            // explicit "my pincode is…" counts as an identity check, so questions never use up an attempt.
            OffersIdentity: IdentityCue().IsMatch(lower) || words <= 3 || !Question().IsMatch(lower),
            Complaint: complaint,
            RequestStatus: requestStatus,
            // "Can I…", "what happens if…", "kya main … kar sakta hoon": asks about an action without asking for it.
            Hypothetical: action is not null && Hypothetical().IsMatch(lower) && !Wants().IsMatch(lower));
    }

    /// <summary>
    /// A 10-digit mobile number and a 6-digit pincode among the digit runs of the message. People split numbers
    /// with spaces ("98765 43210") and put both in one line ("9876543210 400012"), so groups are tried joined
    /// (for the phone) and alone (for the pincode).
    /// </summary>
    private static (string? Phone, string? Pincode) Numbers(string text)
    {
        string? phone = null, pincode = null;
        foreach (Match run in DigitRun().Matches(text))
        {
            var groups = run.Value.Split([' ', '-', '\t', '+'], StringSplitOptions.RemoveEmptyEntries)
                .Select(group => string.Concat(group.Select(PhoneNumbers.DigitValue).Where(d => d is not null)))
                .ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                var joined = "";
                var usedForPhone = false;
                for (var j = i; phone is null && j < Math.Min(groups.Count, i + 4); j++)
                {
                    joined += groups[j];
                    if (PhoneNumbers.Normalise(joined) is { } number)
                    {
                        phone = number;
                        i = j;
                        usedForPhone = true;
                        break;
                    }
                }
                if (!usedForPhone && pincode is null && groups[i].Length == 6 && groups[i][0] != '0')
                {
                    pincode = groups[i];
                }
            }
        }
        return (phone, pincode);
    }

    // Runs of ASCII or Devanagari digits, with the spaces, dashes and + people type inside phone numbers.
    [GeneratedRegex(@"\+?[0-9०-९][0-9०-९\s\-]*[0-9०-९]")]
    private static partial Regex DigitRun();


    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\W*(hi+|hello+|hey+|hlo|helo|namaste|namaskar|good (morning|afternoon|evening)|नमस्ते|नमस्कार|हेलो|हाय)\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\b(thank|thanks|thx|thanku|thank you|shukriya|dhanyavaad|dhanyawad|dhanyavad)\b|धन्यवाद|शुक्रिया")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"\b(bye|goodbye|good bye|that'?s all|thats it|that is all|nothing else|no more questions|done for now|bas itna( hi)?|alvida)\b|अलविदा|बस इतना|और कुछ नहीं")]
    private static partial Regex Bye();

    [GeneratedRegex(@"\b(order|orders|parcel|package|shipment|delivery|item|saman|samaan|courier)\b|ऑर्डर|आर्डर|पार्सल|सामान|डिलीवरी")]
    private static partial Regex OrderWord();

    [GeneratedRegex(@"\b(where|track|tracking|status|kahan|kaha|kidhar|arriv\w*|reach|eta|when will|kab aayega|kab ayega|kab milega|kab tak|kab aaega|not (yet )?(received|arrived|delivered)|nahi (aaya|aya|mila)|delivery date)\b|कहाँ|कहां|कब आएगा|कब तक|कब मिलेगा|कब पहुँचेगा|स्टेटस|ट्रैक|नहीं आया|नहीं मिला")]
    private static partial Regex Track();

    [GeneratedRegex(@"\b(my orders|all (my )?orders|recent orders|order history|past orders|previous orders|list (of )?(my )?orders|orders (dikhao|batao)|saare orders?|sabhi orders?|mere orders?)\b|मेरे (सभी |सारे )?ऑर्डर|सभी ऑर्डर|सारे ऑर्डर")]
    private static partial Regex List();

    [GeneratedRegex(@"\b(refund\w*|money back|paisa wapas|paise wapas|paisa vapas|paise vapas)\b|रिफंड|पैसे वापस|पैसा वापस")]
    private static partial Regex Refund();

    [GeneratedRegex(@"\b(return|returns|returning|send (it )?back|wapas (karna|bhejna|karo|kar|karni)|vapas (karna|karo|kar))\b|रिटर्न|वापस (करना|भेजना|करो|कर)")]
    private static partial Regex Return();

    [GeneratedRegex(@"\b(replace\w*|exchange\w*|badal\w*|badli)\b|बदल|रिप्लेस|एक्सचेंज")]
    private static partial Regex Replace();

    [GeneratedRegex(@"\b(cancel\w*|radd)\b|रद्द|कैंसल")]
    private static partial Regex Cancel();

    [GeneratedRegex(@"\b(how (long|many days|much time|do i|can i|to|does)|when (will|do|does|is)|policy|rules?|window|period|time limit|tell me|explain|kab tak|kitne din|kitna time|kitne time|kaise|can i|is it possible|what is|what's|batao|bataiye|bataye|samjhao)\b|कितने दिन|कब तक|कैसे|पॉलिसी|नियम|क्या है|बताइए|बताओ|बताएं|अवधि")]
    private static partial Regex PolicyQuestion();

    // "Cancel it", "what happens if I cancel this order", "ise cancel karo", "इसे रद्द करो".
    [GeneratedRegex(@"\b(it|this order|that order|this one|that one|the order|ise|isko|isse|usko|yeh order|ye order|wo order|woh order)\b|इसे|इसको|उसे|उसको|यह ऑर्डर")]
    private static partial Regex RefersBack();

    [GeneratedRegex(@"\b(status|update|kab|kab tak|when will|when do i|when can i|where is|where's|kahan|kaha|kidhar|not (yet )?(received|got|credited|come|came|reflected)|haven'?t (received|got)|didn'?t (get|receive)|nahi (aaya|aya|mila|aayi|ayi)|abhi tak|still|credited|reached|received)\b|कब|कहाँ|कहां|स्टेटस|अभी तक|नहीं आया|नहीं मिला|नहीं आई")]
    private static partial Regex StatusCue();

    // Asking for the action itself, not about one already asked for.
    [GeneratedRegex(@"\b(i want|i need|i'?d like|want (a|my|to)|need (a|my|to)|please (refund|return|replace|cancel)|give me|chahiye|chahta|chahti|kar do|kardo|karo|karwa do|kijiye|start (a|my))\b|चाहिए|चाहता|चाहती|कर दो|करो|कीजिए")]
    private static partial Regex Wants();

    [GeneratedRegex(@"\b(damaged|damage|broken|broke|cracked|defective|faulty|not working|doesn'?t work|does not work|stopped working|dead on arrival|wrong (item|product|size|colou?r|one|order)|different (item|product)|missing|torn|leak\w*|expired|spoilt|spoiled|used item|toota|tuta|tooti|tuti|toot|tut gaya|kharab|kharaab|galat|nahi chal raha|nahi chalta|kaam nahi|phata|fata)\b|टूटा|टूट गया|खराब|ख़राब|गलत|ग़लत|काम नहीं|नहीं चल|फटा")]
    private static partial Regex Complaint();

    [GeneratedRegex(@"\b(can i|could i|may i|is it possible|possible to|what happens|what if|if i|should i|would i|will i|kya main|kya mai|kya hum|kar sakta|kar sakti|kar sakte|ho sakta|ho sakti|agar|what would)\b|क्या मैं|कर सकता|कर सकती|हो सकता|अगर")]
    private static partial Regex Hypothetical();

    [GeneratedRegex(@"\b(my (details|profile|account details|membership|email)|am i a (plus )?member|my plus|mera account|meri details|meri membership)\b|मेरी जानकारी|मेरा अकाउंट|मेरी सदस्यता|मेरी मेंबरशिप")]
    private static partial Regex Profile();

    [GeneratedRegex(@"\?|^\W*(how|what|why|when|which|can|do|does|is|are|kya|kaise|kab|kyun|kyon|kitna|kitne)\b|क्या|कैसे|कब|क्यों|कितने|कितना|\?")]
    private static partial Regex Question();

    [GeneratedRegex(@"\b(my (pin|pincode|pin code|zip|city|address)|pincode is|pin is|city is|i live in|i stay in|rehta|rehti|mera pin|mera shehar)\b|पिनकोड|पिन कोड|मेरा शहर|रहता|रहती")]
    private static partial Regex IdentityCue();

    [GeneratedRegex(@"\b(policy|delivery (fee|charge|charges|time)|free delivery|cod|cash on delivery|emi|upi|net ?banking|wallet|payment|debited|deducted|plus|membership|address|pickup|warranty|gift ?card|support hours|otp|password|invoice)\b|पेमेंट|भुगतान|सदस्यता|मेंबरशिप|पता|ईएमआई|यूपीआई")]
    private static partial Regex HelpTopic();
}
