using System.Text.RegularExpressions;

namespace CareConsole.Core.Agent.Privacy;

/// <summary>
/// One request's reversible masking: each piece of personal data becomes a placeholder such as "[PHONE_1]" and
/// can be put back afterwards. The same value gets the same placeholder however it is written ("+91 98765 43210",
/// "९८७६५४३२१०"), numbered per kind in the order values first appear. Not thread-safe: one request, one mask.
/// </summary>
public sealed partial class PersonalDataMask
{
    // "[BANK_ACCOUNT_" and a few digits: the longest start of a placeholder worth waiting for in a stream.
    private const int LongestPlaceholderStart = 20;

    private readonly Dictionary<(PersonalDataKind Kind, string Key), string> _placeholders = [];
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenInText = new(StringComparer.Ordinal);
    private readonly Dictionary<PersonalDataKind, int> _numbers = [];

    /// <summary>How many values the mask holds.</summary>
    public int Count => _originals.Count;

    /// <summary><paramref name="text"/> with each piece of personal data replaced by its placeholder.</summary>
    public string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        // A placeholder-like "[PHONE_1]" typed in the text must not become the name of a real value later, or
        // unmasking would turn the writer's own words into someone's number.
        foreach (Match literal in Placeholder().Matches(text))
        {
            if (!_originals.ContainsKey(literal.Value.ToUpperInvariant()))
            {
                _seenInText.Add(literal.Value.ToUpperInvariant());
            }
        }
        return PersonalData.Replace(text, PersonalData.Find(text), PlaceholderFor);
    }

    /// <summary>
    /// <paramref name="text"/> with every placeholder this mask made replaced by the value as it was first written.
    /// Placeholders it did not make stay as they are.
    /// </summary>
    public string Unmask(string? text)
    {
        if (string.IsNullOrEmpty(text) || _originals.Count == 0)
        {
            return text ?? "";
        }
        return Placeholder().Replace(text, m => _originals.TryGetValue(m.Value.ToUpperInvariant(), out var original) ? original : m.Value);
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a placeholder still being
    /// written ("Your number [PHO"), which a stream holds back until the rest arrives; 0 when none.
    /// </summary>
    internal static int UnfinishedPlaceholderLength(string text)
    {
        var open = text.LastIndexOf('[');
        if (open < 0 || text.Length - open > LongestPlaceholderStart)
        {
            return 0;
        }
        for (var i = open + 1; i < text.Length; i++)
        {
            if (!(char.IsAsciiLetterUpper(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_'))
            {
                return 0;
            }
        }
        return text.Length - open;
    }

    private string PlaceholderFor(PersonalDataFinding finding)
    {
        if (_placeholders.TryGetValue((finding.Kind, finding.Key), out var known))
        {
            return known;
        }
        string placeholder;
        do
        {
            var number = _numbers.GetValueOrDefault(finding.Kind) + 1;
            _numbers[finding.Kind] = number;
            placeholder = $"[{Name(finding.Kind)}_{number}]";
        }
        while (_seenInText.Contains(placeholder));
        _placeholders[(finding.Kind, finding.Key)] = placeholder;
        _originals[placeholder] = finding.Value;
        return placeholder;
    }

    private static string Name(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.BankAccount => "BANK_ACCOUNT",
        _ => kind.ToString().ToUpperInvariant(),
    };

    [GeneratedRegex(@"\[(?:PHONE|EMAIL|CARD|UPI|BANK_ACCOUNT|IFSC|OTP|PINCODE|ADDRESS)_[0-9]+\]", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
