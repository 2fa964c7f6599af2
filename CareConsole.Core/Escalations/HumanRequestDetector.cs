using System.Text.RegularExpressions;

namespace CareConsole.Core.Escalations;

/// <summary>
/// Recognises a customer asking for a person, in English, Hindi or Hinglish, before any model sees the message:
/// the hand-off must not depend on a model choosing to call a tool.
/// </summary>
public static partial class HumanRequestDetector
{
    public static bool IsAskingForPerson(string text)
    {
        var normalised = Spaces().Replace(text.ToLowerInvariant(), " ").Trim();
        // Clause by clause: "I don't want the bot, I want a human" declines one thing and asks for another.
        return ClauseBreak().Split(normalised)
            .Select(clause => clause.Trim())
            .Any(clause => clause.Length > 0 && !Declined().IsMatch(clause)
                && (English().IsMatch(clause) || Hinglish().IsMatch(clause) || Devanagari().IsMatch(clause)));
    }

    // "talk to a human", "put me through to an agent", "is there a real person I can talk to", "human please"
    [GeneratedRegex(
        @"\b(talk|speak|chat|connect|transfer|escalate|reach|contact|put me through|pass me)\b.{0,25}\b(human|person|agent|representative|rep|executive|manager|supervisor|customer care|customer service|customer support|support team|somebody|someone)\b" +
        @"|\b(want|need|get me|give me)\b.{0,12}\b(human|real person|live agent|representative|agent|executive|person)\b" +
        @"|\b(is there|are there|do you have)\b.{0,12}\b(human|real person|person|agent|someone|anyone)\b.{0,20}\b(talk|speak|chat)\b" +
        @"|\b(human|real person|live agent|live person|actual person|human being)\b.{0,12}\b(please|pls|plz|now)\b" +
        @"|^(human|agent|person|representative|operator|customer care|customer support)( please| pls| plz)?[.!]*$")]
    private static partial Regex English();

    // "insaan se baat karni hai", "kisi agent se baat karwao", "support team se baat", "real person chahiye"
    [GeneratedRegex(
        @"\b(insaan|insan|aadmi|admi|banda|bande|agent|executive|manager|human|person|customer care|support team|real person|asli insaan|kisi)\b.{0,20}\b(se|sey)\b.{0,12}\b(baat|bat|baath|milao|connect|jodo)\b" +
        @"|\b(insaan|insan|aadmi|banda|agent|executive|human|person|real person|customer care|support team)\b.{0,10}\b(chahiye|chahie|chaiye|do|dijiye|bulao)\b")]
    private static partial Regex Hinglish();

    // "किसी इंसान से बात कराइए", "मैनेजर से बात कराओ", "कस्टमर केयर से बात", "इंसान चाहिए"
    [GeneratedRegex(
        @"(इंसान|इन्सान|व्यक्ति|आदमी|एजेंट|कर्मचारी|मनुष्य|प्रतिनिधि|मैनेजर|कस्टमर केयर|सपोर्ट टीम|ग्राहक सेवा|किसी)\s*.{0,15}\s*से\s*.{0,10}(बात|मिलाइए|मिलाओ|जोड़|कनेक्ट)" +
        @"|(इंसान|इन्सान|व्यक्ति|आदमी|एजेंट|मनुष्य|मैनेजर)\s*.{0,8}(चाहिए|दीजिए|बुलाइए|बुलाओ)")]
    private static partial Regex Devanagari();

    // "I don't want to talk to a human", "agent nahi chahiye", "इंसान नहीं चाहिए"
    [GeneratedRegex(@"\b(don't|dont|do not|no need to|never)\b.{0,20}\b(talk|speak|human|person|agent)\b|\b(nahi|nahin|nhi)\s+(chahiye|chahie|chaiye)\b|नहीं\s*चाहिए")]
    private static partial Regex Declined();

    [GeneratedRegex(@"[,.;!?।]+|\s(but|lekin|par)\s|\sलेकिन\s")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
