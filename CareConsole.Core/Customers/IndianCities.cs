using System.Text;
using System.Text.RegularExpressions;

namespace CareConsole.Core.Customers;

/// <summary>
/// Indian city names as people write them: old names (Bombay, Bangalore), "New Delhi" for Delhi, and Devanagari.
/// Used to compare a city a customer types with the one on their address, and to spot a city in a message.
/// </summary>
public static partial class IndianCities
{
    // Written form (lower case, letters only) -> canonical form.
    private static readonly Dictionary<string, string> Canonical = Build(
        ("mumbai", "mumbai"), ("bombay", "mumbai"), ("मुंबई", "mumbai"), ("मुम्बई", "mumbai"),
        ("delhi", "delhi"), ("newdelhi", "delhi"), ("dilli", "delhi"), ("दिल्ली", "delhi"), ("नईदिल्ली", "delhi"),
        ("bengaluru", "bengaluru"), ("bangalore", "bengaluru"), ("बेंगलुरु", "bengaluru"), ("बैंगलोर", "bengaluru"), ("बेंगलुरू", "bengaluru"),
        ("kolkata", "kolkata"), ("calcutta", "kolkata"), ("कोलकाता", "kolkata"),
        ("chennai", "chennai"), ("madras", "chennai"), ("चेन्नई", "chennai"),
        ("hyderabad", "hyderabad"), ("हैदराबाद", "hyderabad"),
        ("pune", "pune"), ("poona", "pune"), ("पुणे", "pune"),
        ("ahmedabad", "ahmedabad"), ("अहमदाबाद", "ahmedabad"),
        ("surat", "surat"), ("सूरत", "surat"),
        ("jaipur", "jaipur"), ("जयपुर", "jaipur"),
        ("lucknow", "lucknow"), ("लखनऊ", "lucknow"),
        ("nagpur", "nagpur"), ("नागपुर", "nagpur"),
        ("indore", "indore"), ("इंदौर", "indore"),
        ("bhopal", "bhopal"), ("भोपाल", "bhopal"),
        ("patna", "patna"), ("पटना", "patna"),
        ("chandigarh", "chandigarh"), ("चंडीगढ़", "chandigarh"),
        ("ludhiana", "ludhiana"), ("लुधियाना", "ludhiana"),
        ("gurugram", "gurugram"), ("gurgaon", "gurugram"), ("गुरुग्राम", "gurugram"), ("गुड़गांव", "gurugram"),
        ("noida", "noida"), ("नोएडा", "noida"),
        ("kochi", "kochi"), ("cochin", "kochi"), ("कोच्चि", "kochi"),
        ("thiruvananthapuram", "thiruvananthapuram"), ("trivandrum", "thiruvananthapuram"), ("तिरुवनंतपुरम", "thiruvananthapuram"),
        ("coimbatore", "coimbatore"), ("कोयंबटूर", "coimbatore"),
        ("mysuru", "mysuru"), ("mysore", "mysuru"), ("मैसूर", "mysuru"),
        ("bhubaneswar", "bhubaneswar"), ("भुवनेश्वर", "bhubaneswar"),
        ("guwahati", "guwahati"), ("गुवाहाटी", "guwahati"),
        ("kanpur", "kanpur"), ("कानपुर", "kanpur"), ("varanasi", "varanasi"), ("banaras", "varanasi"), ("वाराणसी", "varanasi"),
        ("agra", "agra"), ("आगरा", "agra"), ("vadodara", "vadodara"), ("baroda", "vadodara"), ("वडोदरा", "vadodara"),
        ("visakhapatnam", "visakhapatnam"), ("vizag", "visakhapatnam"), ("nashik", "nashik"), ("नासिक", "nashik"),
        ("ranchi", "ranchi"), ("रांची", "ranchi"), ("raipur", "raipur"), ("रायपुर", "raipur"), ("dehradun", "dehradun"), ("देहरादून", "dehradun"),
        ("amritsar", "amritsar"), ("अमृतसर", "amritsar"), ("jodhpur", "jodhpur"), ("जोधपुर", "jodhpur"), ("madurai", "madurai"),
        ("mangaluru", "mangaluru"), ("mangalore", "mangaluru"), ("thane", "thane"), ("ठाणे", "thane"), ("goa", "goa"), ("panaji", "goa"));

    /// <summary>Whether two spellings name the same city ("Bombay" and "Mumbai", "नई दिल्ली" and "Delhi").</summary>
    public static bool Same(string? a, string? b) =>
        CanonicalOf(a) is { } left && left == CanonicalOf(b);

    /// <summary>The canonical name of a written city, or its normalised spelling if it is not a known one; null for nothing.</summary>
    public static string? CanonicalOf(string? written)
    {
        var key = Key(written);
        return key.Length == 0 ? null : Canonical.GetValueOrDefault(key, key);
    }

    /// <summary>The first known city named in free text, as written there; null when none is.</summary>
    public static string? FindIn(string text)
    {
        foreach (Match word in Words().Matches(text.ToLowerInvariant()))
        {
            // "new delhi" is two words: try the pair first, then the single word.
            var next = word.NextMatch();
            if (next.Success && Canonical.ContainsKey(Key(word.Value + next.Value)))
            {
                return word.Value + " " + next.Value;
            }
            if (Canonical.ContainsKey(Key(word.Value)))
            {
                return word.Value;
            }
        }
        return null;
    }

    private static string Key(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return "";
        }
        var builder = new StringBuilder();
        foreach (var c in written.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static Dictionary<string, string> Build(params (string Written, string Canonical)[] names) =>
        names.ToDictionary(n => Key(n.Written), n => n.Canonical, StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{M}]+")]
    private static partial Regex Words();
}
