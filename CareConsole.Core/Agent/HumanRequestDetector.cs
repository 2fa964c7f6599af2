using System.Text.RegularExpressions;

namespace CareConsole.Core.Agent;

/// <summary>
/// Recognises a customer asking for a person, in English, Hindi or Hinglish, before any model sees the message:
/// the hand-off must not depend on a model choosing to call a tool.
/// </summary>
public static partial class HumanRequestDetector
{
    public static bool IsAskingForPerson(string text)
    {
        var normalised = Spaces().Replace(text.ToLowerInvariant(), " ").Trim();
        if (Declined().IsMatch(normalised))
        {
            return false;
        }
        return English().IsMatch(normalised) || Hinglish().IsMatch(normalised) || Devanagari().IsMatch(normalised);
    }

    // "talk to a human", "connect me with an agent", "I need a real person", "human please", "you're not a bot, right?" no
    [GeneratedRegex(
        @"\b(talk|speak|chat|connect|transfer|escalate|reach|contact)\b.{0,25}\b(human|person|agent|representative|rep|executive|manager|supervisor|customer care|customer service|support team|somebody|someone)\b" +
        @"|\b(want|need|get me|give me)\b.{0,12}\b(human|real person|live agent|representative|agent|executive|person)\b" +
        @"|\b(human|real person|live agent|live person|actual person|human being)\b.{0,12}\b(please|pls|plz|now)\b" +
        @"|^(human|agent|person|representative|operator|customer care)( please| pls| plz)?[.!]*$")]
    private static partial Regex English();

    // "insaan se baat karni hai", "kisi agent se baat karwao", "customer care se baat", "banda chahiye"
    [GeneratedRegex(
        @"\b(insaan|insan|aadmi|admi|banda|bande|agent|executive|manager|human|person|customer care|real person|asli insaan|kisi)\b.{0,20}\b(se|sey)\b.{0,12}\b(baat|bat|baath|milao|connect|jodo)\b" +
        @"|\b(insaan|insan|aadmi|banda|agent|executive|human)\b.{0,10}\b(chahiye|chahie|chaiye|do|dijiye|bulao)\b")]
    private static partial Regex Hinglish();

    // "किसी इंसान से बात कराइए", "एजेंट से बात करनी है", "कस्टमर केयर से बात", "इंसान चाहिए"
    [GeneratedRegex(
        @"(इंसान|इन्सान|व्यक्ति|आदमी|एजेंट|कर्मचारी|मनुष्य|प्रतिनिधि|कस्टमर केयर|ग्राहक सेवा|किसी)\s*.{0,15}\s*से\s*.{0,10}(बात|मिलाइए|मिलाओ|जोड़|कनेक्ट)" +
        @"|(इंसान|इन्सान|व्यक्ति|आदमी|एजेंट|मनुष्य)\s*.{0,8}(चाहिए|दीजिए|बुलाइए|बुलाओ)")]
    private static partial Regex Devanagari();

    // "I don't want to talk to a human", "agent nahi chahiye", "इंसान नहीं चाहिए"
    [GeneratedRegex(@"\b(don't|dont|do not|no need to|never)\b.{0,20}\b(talk|speak|human|person|agent)\b|\b(nahi|nahin|nhi)\s+(chahiye|chahie|chaiye)\b|नहीं\s*चाहिए")]
    private static partial Regex Declined();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
