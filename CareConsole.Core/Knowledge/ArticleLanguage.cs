using CareConsole.Core.Text;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The languages articles are written in, as their front matter names them. A topic's English article is
/// <c>x.md</c>; its versions in other languages are <c>x.&lt;language&gt;.md</c> and state the same facts.
/// </summary>
public static class ArticleLanguage
{
    public const string English = "en";

    /// <summary>Hindi in Devanagari.</summary>
    public const string Hindi = "hi";

    /// <summary>Hindi in Latin letters, the way most customers type it.</summary>
    public const string Hinglish = "hinglish";

    /// <summary>
    /// What the script of <paramref name="text"/> says when nothing else does: Devanagari is Hindi, anything else
    /// English. It cannot tell Hinglish from English; the conversation's register can.
    /// </summary>
    public static string OfScript(string text) => text.Any(UnicodeWords.IsDevanagari) ? Hindi : English;
}
