using System.Text;
using System.Text.RegularExpressions;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Guardrails;

public enum Confirmation
{
    /// <summary>An explicit yes, and nothing else in the message.</summary>
    Yes,

    /// <summary>An explicit no: keep the order as it is.</summary>
    No,

    /// <summary>"ok", "achha", "maybe", "soch ke batata hoon": neither yes nor no, so nothing changes.</summary>
    Hesitant,

    /// <summary>Anything else — a question, another subject, another order: it confirms nothing.</summary>
    Unclear,
}

/// <summary>
/// Whether a customer's message confirms a change the assistant asked about, in English, Hindi or Hinglish. Only an
/// unmistakable yes counts: every word must be one of agreement or of the request itself ("yes", "haan ji",
/// "हाँ कर दो", "confirm, cancel it"). A question mark, a doubt, a negation or a different order number makes it
/// no confirmation at all.
/// </summary>
public static partial class ConfirmationReader
{
    private const int MaxWords = 8;

    private static readonly HashSet<string> Agreement = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "yess", "confirm", "confirmed", "confirming", "sure", "proceed", "haan", "haa", "han", "ha", "haanji",
        "hanji", "ji", "jee", "bilkul", "हाँ", "हां", "जी", "बिल्कुल", "कन्फर्म",
    };

    // Words that may stand with a yes without changing it: the request itself, politeness, the order.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "ok", "okay", "go", "ahead", "do", "it", "that", "the", "order", "my", "i", "want", "to", "cancel",
        "refund", "return", "replace", "replacement", "and", "kar", "karo", "kardo", "kijiye", "karein", "karen", "dijiye", "de", "na",
        "kr", "krdo", "ise", "isko", "use", "usko", "wala", "woh", "vo", "yeh", "ye", "now", "abhi", "thanks", "thank", "you", "sir", "madam",
        "कर", "दो", "दीजिए", "कीजिए", "करें", "करो", "इसे", "इसको", "रद्द", "कैंसल", "ऑर्डर", "अभी", "प्लीज़", "धन्यवाद", "है",
    };

    private static readonly HashSet<string> Refusal = new(StringComparer.Ordinal)
    {
        "no", "nope", "nah", "not", "dont", "don't", "keep", "stop", "wait", "nahi", "nahin", "nai", "mat", "rehne", "rehnedo", "ruko", "नहीं", "नही",
        "मत", "रहने", "रुको",
    };

    public static Confirmation Read(string message, string orderId)
    {
        var text = message.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        // Another order named: whatever it says, it is not about this one.
        if (OrderNumbers.Normalise(text) is { } named && named != orderId)
        {
            return Confirmation.Unclear;
        }
        text = OrderNumbers.Without(text);
        if (text.Contains('?', StringComparison.Ordinal) || text.Contains('؟', StringComparison.Ordinal))
        {
            return Confirmation.Unclear;
        }
        var words = Word().Matches(text).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0).ToList();
        if (words.Count == 0 || words.Count > MaxWords)
        {
            return Confirmation.Unclear;
        }
        var agrees = words.Any(Agreement.Contains) || Imperative().IsMatch(text);
        if (agrees && words.All(w => Agreement.Contains(w) || Filler.Contains(w)))
        {
            return Confirmation.Yes;
        }
        if (Hesitation().IsMatch(text))
        {
            return Confirmation.Hesitant;
        }
        // "no", "mat karo", "नहीं": a no only when nothing in it also agrees ("no wait, yes" is unclear).
        return words.Any(Refusal.Contains) && !agrees && words.All(w => Refusal.Contains(w) || Filler.Contains(w))
            ? Confirmation.No
            : Confirmation.Unclear;
    }

    [GeneratedRegex(@"^\W*(ok|okay|k|hmm+|achha|acha|accha|theek|thik|maybe|perhaps|not sure|let me think|i'?ll think|later|shayad|soch\w*|baad mein|dekhta|dekhti|pata nahi|ठीक|अच्छा|हम्म|शायद|सोच|बाद में)\b")]
    private static partial Regex Hesitation();

    // "kar do", "cancel it", "go ahead", "कर दो": agreement said as the request itself.
    [GeneratedRegex(@"\b(kar ?do|kr ?do|kar dijiye|kar dijie|karwa do|go ahead|do it|cancel it|please cancel)\b|कर दो|कर दीजिए|कर दें")]
    private static partial Regex Imperative();

    [GeneratedRegex(@"[\p{L}\p{M}']+")]
    private static partial Regex Word();
}
