using System.Globalization;
using System.Text;
using CareConsole.Core.Text;

namespace CareConsole.Core.Sentiment;

/// <summary>
/// A message as the trained sentiment model reads it, in training and in scoring alike: its words normalised as the
/// rules see them (lower case, one Devanagari spelling, stretched words squeezed) and romanised Hindi folded, so
/// "nahi", "nahii" and "nhi" come closer; emoji as words of their code points; "!", "?" and clause breaks as marks;
/// a word in capitals followed by a mark of its own, since the case itself is gone. The model's own text normaliser
/// stays off, and no character outside the Basic Multilingual Plane reaches the model: ML.NET and ONNX Runtime cut
/// such characters into letter n-grams differently, and the exported model would not score as it was trained.
/// </summary>
public static class ModelText
{
    /// <summary>Stands after a word written in capitals ("WORST" reads "worst ^").</summary>
    public const char Shouted = '^';

    public static string Of(string message)
    {
        var text = new StringBuilder(message.Length + 8);
        foreach (var token in SentimentTokens.Scan(message))
        {
            var piece = token.Kind switch
            {
                TokenKind.Word => RomanisedHindi.Fold(token.SqueezedToTwo ?? token.Word),
                TokenKind.Emoji => EmojiWord(token.Word),
                TokenKind.Exclamation => "!",
                TokenKind.Question => "?",
                _ => ",",
            };
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(piece);
            if (token.Shouted)
            {
                text.Append(' ').Append(Shouted);
            }
        }
        return text.ToString();
    }

    /// <summary>"🙏" as "emoji1f64f": one word, in letters every runtime reads alike.</summary>
    private static string EmojiWord(string emoji) =>
        string.Create(CultureInfo.InvariantCulture, $"emoji{char.ConvertToUtf32(emoji, 0):x}");
}
