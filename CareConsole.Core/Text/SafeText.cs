using System.Globalization;
using System.Text;

namespace CareConsole.Core.Text;

/// <summary>
/// Text as it may be stored and shown: cut where a reader sees a character end, never inside an emoji or between a
/// Devanagari letter and its vowel sign, and free of what a database refuses (half a surrogate pair, NUL).
/// </summary>
public static class SafeText
{
    /// <summary>
    /// <paramref name="text"/> in at most <paramref name="maxLength"/> UTF-16 characters (the unit column limits
    /// count in), cut at the end of a whole text element, with <paramref name="ellipsis"/> added when it was cut.
    /// </summary>
    public static string Shorten(string text, int maxLength, string ellipsis = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, ellipsis.Length);
        if (text.Length <= maxLength)
        {
            return text;
        }
        var room = maxLength - ellipsis.Length;
        var end = 0;
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > room)
            {
                break;
            }
            end = next;
        }
        return text[..end] + ellipsis;
    }

    /// <summary>
    /// Whether <paramref name="text"/> can be stored as it is: no unpaired surrogate and no NUL. Text from people is
    /// checked where it arrives; this guards what code and models put together.
    /// </summary>
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><paramref name="text"/> with every unpaired surrogate replaced by U+FFFD and every NUL removed.</summary>
    public static string Repair(string text)
    {
        if (IsStorable(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Whether <paramref name="text"/> has nothing a reader would see: only white space, format characters (zero-width
    /// space and joiners, the byte-order mark, direction marks) and other invisible code points.
    /// </summary>
    public static bool IsBlank(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !IsInvisible(rune))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control
        // Hangul fillers and the braille blank render as nothing in most fonts.
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800
        // Combining grapheme joiner and variation selectors alone mark nothing.
        || rune.Value is 0x034F || (rune.Value is >= 0xFE00 and <= 0xFE0F) || (rune.Value is >= 0xE0100 and <= 0xE01EF);
}
