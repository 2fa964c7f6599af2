using System.Text;

namespace CareConsole.Core.Text;

/// <summary>
/// Romanised Hindi is written many ways; folding brings the common ones together: "w" as "v", "ee" as "i", "oo" as
/// "u", "ph" as "f", and doubled letters single ("aa", "chh", "cch"). English words fold the same way wherever they
/// are compared, so they still meet themselves.
/// </summary>
public static class RomanisedHindi
{
    /// <summary><paramref name="word"/> (normalised, lower case) folded; a Devanagari word comes back as it is.</summary>
    public static string Fold(string word)
    {
        if (word.Length == 0 || word[0] > 'z')
        {
            return word;
        }
        var folded = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c)
            {
                case 'w':
                    c = 'v';
                    break;
                case 'e' when next == 'e':
                    c = 'i';
                    i++;
                    break;
                case 'o' when next == 'o':
                    c = 'u';
                    i++;
                    break;
                case 'p' when next == 'h':
                    c = 'f';
                    i++;
                    break;
                case 'c' when next == 'c':
                    continue;
            }
            if (c == 'h' && folded.Length >= 2 && folded[^1] == 'h' && folded[^2] == 'c')
            {
                continue;
            }
            if (folded.Length > 0 && folded[^1] == c && char.IsLetter(c))
            {
                continue;
            }
            folded.Append(c);
        }
        return folded.ToString();
    }
}
