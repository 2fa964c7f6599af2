namespace CareConsole.Tests.Infrastructure;

/// <summary>Which writing system a text uses, as a reader would notice.</summary>
public static class Scripts
{
    /// <summary>Whether any character is Devanagari (U+0900–U+097F), the script Hindi is written in.</summary>
    public static bool HasDevanagari(string text) => text.Any(c => c is >= '\u0900' and <= '\u097F');
}
