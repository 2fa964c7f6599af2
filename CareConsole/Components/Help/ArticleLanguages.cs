using CareConsole.Core.Knowledge;

namespace CareConsole.Components.Help;

/// <summary>How the help pages name and mark an article's language.</summary>
public static class ArticleLanguages
{
    /// <summary>The HTML lang value: Hinglish is Hindi in Latin script, which browsers and screen readers understand.</summary>
    public static string Tag(string language) => language == ArticleLanguage.Hinglish ? "hi-Latn" : language;

    /// <summary>A link to a version of an article, worded in that version's language so its readers recognise it.</summary>
    public static string ReadIn(string language) => language switch
    {
        ArticleLanguage.Hindi => "हिन्दी में पढ़ें",
        ArticleLanguage.Hinglish => "Hinglish mein padhein",
        ArticleLanguage.English => "Read in English",
        _ => language,
    };
}
