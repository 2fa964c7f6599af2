using System.Text.RegularExpressions;
using CareConsole.Core.Text;

namespace CareConsole.Core.Escalations;

/// <summary>
/// Recognises a customer asking for a person, in English, Hindi or Hinglish, before any model sees the message:
/// the hand-off must not depend on a model choosing to call a tool. A clause asks for a person when it names one
/// ("agent", "manager", "insaan", "इंसान") and asks to reach them ("talk", "transfer", "baat", "बात") or frames a
/// request ("can I get", "is there", "chahiye", "दीजिए"). "Someone", "kisi", "किसी" need a verb of reaching:
/// "can someone check my order" is not a request for a person. Clauses that decline ("no need for a human",
/// "agent nahi chahiye") or tell of someone ("the delivery agent was rude", "your executive called me") do not count.
/// </summary>
public static partial class HumanRequestDetector
{
    public static bool IsAskingForPerson(string text)
    {
        // Clause by clause: "I don't want the bot, I want a human" declines one thing and asks for another.
        foreach (var raw in ClauseBreak().Split(text))
        {
            var clause = NeverMind().Replace(" " + string.Join(' ', UnicodeWords.Split(raw)) + " ", " ");
            if (clause.Trim().Length == 0 || Declined().IsMatch(clause))
            {
                continue;
            }
            var named = Person().Matches(clause).Any(m => !IsTold(clause, m));
            if (named && (Reach().IsMatch(clause) || Request().IsMatch(clause) || PersonAlone().IsMatch(clause)))
            {
                return true;
            }
            if (Anyone().IsMatch(clause) && Reach().IsMatch(clause))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"the delivery agent was rude", "your executive called me", "agent ne kaha": a person told of, not asked for.</summary>
    private static bool IsTold(string clause, Match person)
    {
        var before = clause[..person.Index];
        var after = clause[(person.Index + person.Length)..];
        return DeliveryBefore().IsMatch(before) || ToldAfter().IsMatch(after);
    }

    // People who can take over.
    [GeneratedRegex(@" (human|humans|human being|person|real person|live person|actual person|agent|live agent|representative|rep|executive|manager|supervisor|operator|staff|team member|customer care|customer service|customer support|support team|care team|helpline|insaan|insan|aadmi|admi|banda|bande|bandey|vyakti|इंसान|इन्सान|व्यक्ति|आदमी|एजेंट|मैनेजर|सुपरवाइजर|कर्मचारी|प्रतिनिधि|अधिकारी|कस्टमर केयर|सपोर्ट टीम|ग्राहक सेवा|एग्जीक्यूटिव) ")]
    private static partial Regex Person();

    // Anyone at all: only a request when joined to a verb of reaching.
    [GeneratedRegex(@" (someone|somebody|anyone|anybody|koi|kisi|किसी|कोई) ")]
    private static partial Regex Anyone();

    // Reaching a person: talk, transfer, call back, baat, jodo, बात, बुलाइए.
    [GeneratedRegex(@" (talk|speak|chat with|connect|connected|transfer|transferred|escalate|call me|call back|callback|call karwa|call karo|reach|contact|put me through|pass me|hand me over|hand over|baat|bat|baatcheet|jodo|jodiye|jod do|milao|milaiye|milwao|bulao|bulaiye|bulaiyе|bula do|बात|कॉल|जोड़|जोड़ें|जोड़िए|जोड़ दीजिए|मिलाइए|मिलाओ|मिलवाइए|कनेक्ट|ट्रांसफर|संपर्क|बुलाइए|बुलाओ)")]
    private static partial Regex Reach();

    // Asking for something: can I get, is there, please, chahiye, de do, दीजिए, है क्या.
    [GeneratedRegex(@" (want|need|get me|give me|can i|could i|can you|could you|may i|would like|id like|i would like|let me|is there|are there|please|pls|plz|appreciate|chahiye|chahie|chaiye|chahta|chahti|karwa do|karwao|karao|karaiye|karwaiye|kara do|de do|dedo|dijiye|number do|milega|mil sakta|ho sake|ho sakta|hai kya|kya koi|चाहिए|चाहता|चाहती|करवाइए|कराइए|कराओ|करवाओ|दीजिए|दिलाइए|मिलेगा|है क्या|क्या कोई|सकता|सकती) ")]
    private static partial Regex Request();

    // The whole clause is a person asked for by name: "Agent", "human please", "customer care!!".
    [GeneratedRegex(@"^ (human|agent|person|representative|operator|manager|supervisor|customer care|customer support|customer service|insaan|इंसान|एजेंट)( please| pls| plz)? $")]
    private static partial Regex PersonAlone();

    // "delivery agent", "courier person", "डिलीवरी वाला": the person who brings the parcel.
    [GeneratedRegex(@" (delivery|courier|pickup|field|डिलीवरी|कूरियर)( wala| wale| वाला| वाले)?$")]
    private static partial Regex DeliveryBefore();

    // A person told of: "was rude", "called me yesterday", "said", "ne kaha", "ने कहा".
    [GeneratedRegex(@"^ (was|were|is asking|asked|said|told|came|called|gave|took|refused|kept|misbehaved|promised|at my door|ne|ने)\b")]
    private static partial Regex ToldAfter();

    // "I don't want to talk to a human", "no need to escalate", "agent nahi chahiye", "ज़रूरत नहीं".
    [GeneratedRegex(@" (dont|do not|no need|dont need|not necessary|never) .{0,30}(talk|speak|human|person|agent|anyone|someone|escalate|manager|call)| (nahi|nahin|nhi) (chahiye|chahie|chaiye) | (zaroorat|zarurat|jarurat|jaroorat|need) (nahi|nahin|nhi) | mat (karo|karwao|karna) |नहीं चाहिए|(ज़रूरत|जरूरत) नहीं")]
    private static partial Regex Declined();

    // "koi baat nahi", "कोई बात नहीं": "never mind", not "someone, talk".
    [GeneratedRegex(@" (koi|कोई) (baat|bat|बात) (nahi|nahin|nhi|नहीं) ")]
    private static partial Regex NeverMind();

    [GeneratedRegex(@"[.;!?।\n]+|,|\s(?:but|lekin|par|magar)\s|\sलेकिन\s")]
    private static partial Regex ClauseBreak();
}
