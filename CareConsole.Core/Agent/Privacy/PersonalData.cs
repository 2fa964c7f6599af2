using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using CareConsole.Core.Customers;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Privacy;

/// <summary>A kind of personal data that stays inside the console.</summary>
public enum PersonalDataKind
{
    Phone,
    Email,
    Card,
    Upi,
    BankAccount,
    Ifsc,
    Otp,
    Pincode,
    Address,
}

/// <summary>One piece of personal data in a text.</summary>
/// <param name="Start">Where it starts in the text.</param>
/// <param name="Length">How many characters of the text it takes.</param>
/// <param name="Value">What the text says, as written ("+91 98765 43210").</param>
/// <param name="Key">
/// The value itself, whatever the spelling: the ten-digit number of a phone, the ASCII digits of other numbers,
/// lower-cased text with ASCII digits otherwise. Two findings with the same kind and key are the same value.
/// </param>
public sealed record PersonalDataFinding(PersonalDataKind Kind, int Start, int Length, string Value, string Key)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds personal data in what customers, staff and tools write, in English, Hindi and Hinglish, with ASCII or
/// Devanagari digits: mobile numbers, e-mail addresses, card numbers, UPI ids, bank account numbers, IFSC codes,
/// OTPs, pincodes and street addresses. Order numbers, amounts, dates, times, quantities and years are left alone:
/// the model needs them to help, and none of them says who the customer is.
/// </summary>
public static partial class PersonalData
{
    // Words close to a 4–8 digit number that make it a one-time code rather than anything else.
    private const int CueWindowBefore = 40;
    private const int CueWindowAfter = 30;

    private static readonly char[] SentenceEnds = ['.', '?', '!', '।', '\n'];

    // Between two words of one address there is no sentence end and no bracket.
    private static readonly SearchValues<char> AddressBreaks = SearchValues.Create("?!।\n;()");

    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "road", "rd", "street", "lane", "marg", "nagar", "colony", "layout", "society", "apartment", "apartments", "apts", "enclave",
        "vihar", "chowk", "gali", "galli", "avenue", "residency", "mohalla", "puram", "garden", "gardens", "park", "bagh",
        "रोड", "मार्ग", "नगर", "कॉलोनी", "कालोनी", "लेआउट", "सोसाइटी", "सोसायटी", "अपार्टमेंट", "एन्क्लेव", "एनक्लेव", "विहार", "चौक", "गली",
        "लेन", "स्ट्रीट", "मोहल्ला", "पुरम",
    };

    // "Indiranagar", "Mayur Vihar", "गांधीनगर": names that carry the street word inside them.
    private static readonly string[] StreetSuffixes = ["nagar", "vihar", "puram", "नगर", "विहार", "पुरम"];

    // Only with their number or letter: "sector 21", "block C", "C block", "ब्लॉक बी".
    private static readonly HashSet<string> NumberedStreetWords = new(StringComparer.Ordinal) { "sector", "block", "सेक्टर", "ब्लॉक" };

    // Only after an ordinal: "5th main", "2nd cross". Alone, "main" is Hinglish for "I".
    private static readonly HashSet<string> OrdinalStreetWords = new(StringComparer.Ordinal) { "main", "cross", "मेन", "क्रॉस" };

    private static readonly HashSet<string> LinkingWords = new(StringComparer.Ordinal)
    {
        "for", "to", "in", "at", "on", "from", "of", "the", "and", "or", "my", "is", "was", "se", "ko", "me", "mein", "pe", "par",
        "ka", "ki", "ke", "hai", "tha", "से", "को", "में", "पर", "का", "की", "के", "है", "था",
    };

    private static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal) { "no", "number", "num", "nr", "नंबर", "नम्बर", "नं" };

    // A number followed by one of these counts something: it is no house number ("2 items", "3 din", "5 Dec").
    private static readonly HashSet<string> CountingWords = new(StringComparer.Ordinal)
    {
        "item", "items", "pc", "pcs", "piece", "pieces", "unit", "units", "qty", "nos", "pair", "pairs", "box", "boxes", "packet",
        "packets", "pack", "packs", "order", "orders", "product", "products", "din", "day", "days", "hour", "hours", "hr", "hrs",
        "ghante", "ghanta", "minute", "minutes", "min", "mins", "sec", "second", "seconds", "week", "weeks", "hafte", "hafta",
        "month", "months", "mahine", "mahina", "saal", "year", "years", "yr", "yrs", "baar", "bar", "time", "times", "kg", "kgs",
        "g", "gm", "gms", "gram", "grams", "km", "kms", "l", "ml", "litre", "litres", "liter", "liters", "rs", "rupee", "rupees",
        "rupaye", "percent", "x", "am", "pm", "star", "stars", "jan", "january", "feb", "february", "mar", "march", "apr", "april",
        "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
        "december", "दिन", "घंटे", "घंटा", "मिनट", "हफ्ते", "हफ़्ते", "महीने", "महीना", "साल", "बार", "आइटम", "सामान", "पीस", "किलो",
        "रुपये", "रुपए", "जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर",
    };

    /// <summary>The personal data in <paramref name="text"/>, in the order it appears, none overlapping another.</summary>
    public static IReadOnlyList<PersonalDataFinding> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        // Most specific first: the digits of "9876543210@ybl" are a UPI id, not a phone number.
        var found = new List<PersonalDataFinding>();
        AddMatches(found, text, Email(), PersonalDataKind.Email);
        AddMatches(found, text, Upi(), PersonalDataKind.Upi);
        AddMatches(found, text, Ifsc(), PersonalDataKind.Ifsc);
        foreach (var run in NumberRuns(text, found))
        {
            ReadRun(found, text, run);
        }
        AddAddresses(found, text);
        return [.. found.OrderBy(f => f.Start)];
    }

    /// <summary>
    /// <paramref name="text"/> with each piece of personal data replaced by its kind in brackets ("[phone]",
    /// "[email]"), for logs: nothing of the value is kept, so it cannot be put back.
    /// </summary>
    public static string Redact(string? text) =>
        text is null ? "" : Replace(text, Find(text), finding => $"[{Label(finding.Kind)}]");

    /// <summary>The lower-case name of a kind, as logs and reports write it.</summary>
    public static string Label(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.BankAccount => "bank account",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary><paramref name="text"/> with each finding replaced by what <paramref name="replacement"/> makes of it.</summary>
    internal static string Replace(string text, IReadOnlyList<PersonalDataFinding> findings, Func<PersonalDataFinding, string> replacement)
    {
        if (findings.Count == 0)
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var finding in findings)
        {
            result.Append(text, at, finding.Start - at).Append(replacement(finding));
            at = finding.End;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    private static void AddMatches(List<PersonalDataFinding> found, string text, Regex pattern, PersonalDataKind kind)
    {
        foreach (Match match in pattern.Matches(text))
        {
            if (!Overlaps(found, match.Index, match.Index + match.Length))
            {
                found.Add(new(kind, match.Index, match.Length, match.Value, Fold(match.Value)));
            }
        }
    }

    private static void Add(List<PersonalDataFinding> found, string text, PersonalDataKind kind, int start, int end, string key) =>
        found.Add(new(kind, start, end - start, text[start..end], key));

    private static bool Overlaps(List<PersonalDataFinding> found, int start, int end) =>
        found.Exists(f => f.Start < end && start < f.End);

    /// <summary>Lower case, with Devanagari digits as ASCII, so spellings of one value compare equal.</summary>
    private static string Fold(string text) =>
        string.Concat(text.ToLowerInvariant().Select(c => PhoneNumbers.DigitValue(c) is { } d ? (char)('0' + d) : c));

    private static string AsciiDigits(string text) =>
        string.Concat(text.Select(PhoneNumbers.DigitValue).Where(d => d is not null));

    // ---- Numbers -------------------------------------------------------------------------------------------------

    /// <summary>A number as typed between spaces or dashes: "98765" of "98765 43210".</summary>
    private sealed record Group(int Start, int End, string Digits);

    /// <summary>
    /// The runs of digit groups people type as one number ("98765 43210", "98-76-54-32-10", "+91 98765 43210").
    /// Numbers written as amounts, decimals, times or dates ("1,299", "12,500.50", "10:30", "05/12/2026") and
    /// numbers glued to letters ("MM240115", "Rs2500") are no part of any run.
    /// </summary>
    private static List<List<Group>> NumberRuns(string text, List<PersonalDataFinding> found)
    {
        var runs = new List<List<Group>>();
        var run = new List<Group>();
        foreach (Match token in NumberToken().Matches(text))
        {
            var plain = token.Value.All(c => PhoneNumbers.DigitValue(c) is not null);
            var usable = plain && !TouchesLatinLetter(text, token.Index, token.Index + token.Length)
                && !Overlaps(found, token.Index, token.Index + token.Length);
            var continues = run.Count > 0 && IsRunSeparator(text.AsSpan(run[^1].End, token.Index - run[^1].End));
            if (!usable || !continues)
            {
                if (run.Count > 0)
                {
                    runs.Add(run);
                }
                run = [];
            }
            if (usable)
            {
                run.Add(new Group(token.Index, token.Index + token.Length, AsciiDigits(token.Value)));
            }
        }
        if (run.Count > 0)
        {
            runs.Add(run);
        }
        return runs;
    }

    private static bool IsRunSeparator(ReadOnlySpan<char> between) =>
        between is " " or "\u00A0" or "-" or "–" or " - " or " – " or "- " or " -";

    private static bool TouchesLatinLetter(string text, int start, int end) =>
        (start > 0 && char.IsAsciiLetter(text[start - 1])) || (end < text.Length && char.IsAsciiLetter(text[end]));

    /// <summary>Reads one run of digit groups into phones, cards, bank accounts, OTPs and pincodes.</summary>
    private static void ReadRun(List<PersonalDataFinding> found, string text, List<Group> run)
    {
        if (IsDashedDate(text, run))
        {
            return;
        }
        // "Rs 2500 9876543210", "mm 240115 9876543210", "9876543210 500 rupees": the amount or order number is not
        // part of what follows or precedes it.
        var first = 0;
        var last = run.Count - 1;
        if (IsAfterCurrency(text, run[0].Start) || IsOrderNumber(text, run[0]))
        {
            first = 1;
        }
        if (last >= first && IsBeforeCurrencyOrPercent(text, run[last].End))
        {
            last--;
        }
        if (last < first)
        {
            return;
        }
        var groups = run[first..(last + 1)];
        var used = new bool[groups.Count];
        var plusAt = first == 0 && run[0].Start > 0 && text[run[0].Start - 1] == '+' ? run[0].Start - 1 : run[0].Start;
        int StartOf(int i) => i == 0 && first == 0 ? plusAt : groups[i].Start;
        void Take(PersonalDataKind kind, int i, int j, string key)
        {
            Add(found, text, kind, StartOf(i), groups[j].End, key);
            Array.Fill(used, true, i, j - i + 1);
        }

        // Phones and cards first: their shapes are exact (ten digits from 6–9, a Luhn check), the rest are guesses.
        for (var i = 0; i < groups.Count; i++)
        {
            if (FindPhoneOrCard(text, groups, i) is { } match)
            {
                Take(match.Kind, i, match.Last, match.Key);
                i = match.Last;
            }
        }
        foreach (var (i, j) in Unused(used))
        {
            ReadBankAccounts(groups, i, j, Take);
        }
        foreach (var (i, j) in Unused(used))
        {
            var cue = CueNear(text, groups[i].Start, groups[j].End);
            var digits = string.Concat(groups[i..(j + 1)].Select(g => g.Digits));
            if (cue == Cue.Otp && digits.Length is >= 4 and <= 8)
            {
                Take(PersonalDataKind.Otp, i, j, digits);
            }
            else if (cue == Cue.Pincode && j == i + 1 && digits.Length == 6 && groups[i].Digits.Length == 3 && digits[0] != '0')
            {
                // "400 012": a pincode written in two halves, which only a word like "pincode" tells apart.
                Take(PersonalDataKind.Pincode, i, j, digits);
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    var group = groups[k].Digits;
                    if (cue == Cue.Otp && group.Length is >= 4 and <= 8)
                    {
                        Take(PersonalDataKind.Otp, k, k, group);
                    }
                    else if (group.Length == 6 && group[0] != '0')
                    {
                        Take(PersonalDataKind.Pincode, k, k, group);
                    }
                }
            }
        }
    }

    private sealed record NumberMatch(PersonalDataKind Kind, int Last, string Key);

    private static NumberMatch? FindPhoneOrCard(string text, List<Group> groups, int i)
    {
        var digits = "";
        for (var j = i; j < groups.Count && j < i + 6 && digits.Length < 12; j++)
        {
            digits += groups[j].Digits;
            if (PhoneNumbers.Normalise(digits) is { } phone)
            {
                return new(PersonalDataKind.Phone, j, phone);
            }
        }
        // Cards are typed whole or in fours ("4111 1111 1111 1111"); Amex in 4-6-5.
        digits = "";
        for (var j = i; j < groups.Count && digits.Length < 19; j++)
        {
            digits += groups[j].Digits;
            var shaped = j == i || groups[i..j].All(g => g.Digits.Length == 4) || (j == i + 2 && groups[i].Digits.Length == 4 && groups[i + 1].Digits.Length == 6);
            if (!shaped)
            {
                break;
            }
            // One account number in ten passes the Luhn check too; "account" or "khata" beside it says which it is.
            if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits) && CueNear(text, groups[i].Start, groups[j].End) != Cue.Account)
            {
                return new(PersonalDataKind.Card, j, digits);
            }
        }
        return null;
    }

    /// <summary>
    /// Account numbers of 9–18 digits, typed whole or in even groups ("1234 5678 9012"). Uneven groups are kept
    /// apart, so "302 400012" stays a house number and a pincode.
    /// </summary>
    private static void ReadBankAccounts(List<Group> groups, int from, int to, Action<PersonalDataKind, int, int, string> take)
    {
        for (var i = from; i <= to; i++)
        {
            var best = -1;
            var digits = "";
            for (var j = i; j <= to; j++)
            {
                var evenGroups = j == i || (groups[i].Digits.Length >= 4 && groups[i..j].All(g => g.Digits.Length == groups[i].Digits.Length));
                if (!evenGroups || digits.Length + groups[j].Digits.Length > 18)
                {
                    break;
                }
                digits += groups[j].Digits;
                if (digits.Length >= 9)
                {
                    best = j;
                }
            }
            if (best >= 0)
            {
                take(PersonalDataKind.BankAccount, i, best, string.Concat(groups[i..(best + 1)].Select(g => g.Digits)));
                i = best;
            }
        }
    }

    /// <summary>The stretches of groups no finding has taken yet, as first and last index.</summary>
    private static List<(int First, int Last)> Unused(bool[] used)
    {
        var stretches = new List<(int, int)>();
        for (var i = 0; i < used.Length; i++)
        {
            if (used[i])
            {
                continue;
            }
            var j = i;
            while (j + 1 < used.Length && !used[j + 1])
            {
                j++;
            }
            stretches.Add((i, j));
            i = j;
        }
        return stretches;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[^(i + 1)] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    // "2026-12-05", "05-12-2026": a date typed with dashes, which would otherwise read as one long number.
    private static bool IsDashedDate(string text, List<Group> run) =>
        run.Count == 3
        && text.AsSpan(run[0].End, run[1].Start - run[0].End).Trim() is "-"
        && text.AsSpan(run[1].End, run[2].Start - run[1].End).Trim() is "-"
        && run[1].Digits.Length <= 2
        && ((run[0].Digits.Length == 4 && run[2].Digits.Length <= 2) || (run[0].Digits.Length <= 2 && run[2].Digits.Length is 2 or 4));

    /// <summary>"mm 240115", "MM-240115": the digits of an order number, as <see cref="OrderNumbers"/> reads them.</summary>
    private static bool IsOrderNumber(string text, Group group)
    {
        var from = group.Start;
        if (from > 0 && text[from - 1] is ' ' or '-' or '#')
        {
            from--;
        }
        while (from > 0 && char.IsAsciiLetter(text[from - 1]))
        {
            from--;
        }
        return from < group.Start && OrderNumbers.Normalise(text[from..group.End]) is not null;
    }

    private static bool IsAfterCurrency(string text, int start) =>
        CurrencyBefore().IsMatch(text.AsSpan(Math.Max(0, start - 12), start - Math.Max(0, start - 12)));

    private static bool IsBeforeCurrencyOrPercent(string text, int end) =>
        CurrencyOrPercentAfter().IsMatch(text.AsSpan(end, Math.Min(text.Length, end + 12) - end));

    private enum Cue
    {
        None,
        Otp,
        Pincode,
        Account,
    }

    /// <summary>
    /// Whether the nearest cue word in the same sentence calls the number a one-time code, a pincode or an account: the
    /// closest one before it, else the closest one after it. "Pincode 400012, OTP 4821" reads each number right.
    /// </summary>
    private static Cue CueNear(string text, int start, int end)
    {
        var from = Math.Max(0, start - CueWindowBefore);
        var before = text[from..start];
        var sentenceStart = before.LastIndexOfAny(SentenceEnds);
        before = before[(sentenceStart + 1)..];
        var nearest = CueWords().Matches(before).LastOrDefault();
        if (nearest is null)
        {
            var after = text[end..Math.Min(text.Length, end + CueWindowAfter)];
            var sentenceEnd = after.IndexOfAny(SentenceEnds);
            nearest = CueWords().Matches(sentenceEnd < 0 ? after : after[..sentenceEnd]).FirstOrDefault();
        }
        return nearest is null ? Cue.None
            : nearest.Groups["pincode"].Success ? Cue.Pincode
            : nearest.Groups["account"].Success ? Cue.Account
            : nearest.Groups["otp"].Success ? Cue.Otp
            : Cue.None;
    }

    // ---- Street addresses ----------------------------------------------------------------------------------------

    /// <summary>
    /// A house, flat or plot number followed closely by street words: "Flat 302, Sunshine Apartments, MG Road",
    /// "45 Gandhi Nagar", "मकान नंबर ४५, गांधी नगर". The finding runs to the last street word, so the city and pincode
    /// after it stay readable (the pincode is a finding of its own).
    /// </summary>
    private static void AddAddresses(List<PersonalDataFinding> found, string text)
    {
        foreach (Match candidate in HouseNumber().Matches(text))
        {
            var number = candidate.Groups["number"];
            var numberEnd = number.Index + number.Length;
            var named = candidate.Groups["house"].Success;
            // "Since 2019 in Gandhi Nagar": a bare year is no house number.
            if (Overlaps(found, candidate.Index, numberEnd) || DateShape().IsMatch(number.Value) || (!named && Year().IsMatch(number.Value))
                || IsAfterCurrency(text, number.Index) || IsBeforeCurrencyOrPercent(text, numberEnd))
            {
                continue;
            }
            if (StreetEnd(found, text, numberEnd, named) is { } end)
            {
                Add(found, text, PersonalDataKind.Address, candidate.Index, end, AddressKey(text[candidate.Index..end]));
            }
        }
    }

    /// <summary>Where the street words after a house number end, or null when none follow closely.</summary>
    private static int? StreetEnd(List<PersonalDataFinding> found, string text, int from, bool named)
    {
        const int WordsBetweenStreets = 3;
        const int MostWords = 16;
        // A number named as a house number may sit further from its street than a bare one.
        var allowed = named ? 5 : 2;
        var words = new List<Match>();
        for (var word = Word().Match(text, from); word.Success && words.Count < MostWords; word = word.NextMatch())
        {
            words.Add(word);
        }
        int? end = null;
        var sinceStreet = 0;
        for (var i = 0; i < words.Count;)
        {
            var previousEnd = i == 0 ? from : words[i - 1].Index + words[i - 1].Length;
            var previous = i == 0 ? null : words[i - 1].Value;
            if (EndsAddress(text.AsSpan(previousEnd, words[i].Index - previousEnd), previous)
                || Overlaps(found, words[i].Index, words[i].Index + words[i].Length))
            {
                break;
            }
            var word = words[i].Value.ToLowerInvariant();
            if (i == 0 && CountingWords.Contains(word))
            {
                return null;
            }
            // "2 more for Indiranagar": between a bare number and its street stand names, not sentence words.
            if (!named && end is null && LinkingWords.Contains(word))
            {
                return null;
            }
            var taken = StreetPhrase(text, words, i);
            if (taken > 0)
            {
                i += taken;
                end = words[i - 1].Index + words[i - 1].Length;
                sinceStreet = 0;
                allowed = WordsBetweenStreets;
                continue;
            }
            if (++sinceStreet > allowed)
            {
                break;
            }
            i++;
        }
        return end;
    }

    /// <summary>
    /// A sentence ends between two words, or the gap is too wide for one address. A full stop after a short word is
    /// an abbreviation ("Rd.", "M.G."), not an end.
    /// </summary>
    private static bool EndsAddress(ReadOnlySpan<char> gap, string? previousWord) =>
        gap.Length > 4 || gap.IndexOfAny(AddressBreaks) >= 0
        || (gap.Contains('.') && (previousWord is null || previousWord.Length > 4 || previousWord.Any(char.IsDigit)));

    /// <summary>How many words from <paramref name="i"/> make a street phrase ("MG Road" ends at one), or 0.</summary>
    private static int StreetPhrase(string text, List<Match> words, int i)
    {
        var word = words[i].Value.ToLowerInvariant();
        if (StreetWords.Contains(word) || StreetSuffixes.Any(s => word.EndsWith(s, StringComparison.Ordinal)))
        {
            // "Gali no 4", "Lane 4", "Road No. 12".
            return 1 + Designator(text, words, i + 1);
        }
        if (OrdinalStreetWords.Contains(word))
        {
            return i > 0 && Ordinal().IsMatch(words[i - 1].Value) ? 1 : 0;
        }
        if (NumberedStreetWords.Contains(word))
        {
            var designator = Designator(text, words, i + 1);
            // "C block", "4th Block".
            var letterBefore = word is "block" or "ब्लॉक" && i > 0 && (words[i - 1].Length <= 2 || Ordinal().IsMatch(words[i - 1].Value))
                && Adjacent(text, words[i - 1], words[i]);
            return designator > 0 ? 1 + designator : letterBefore ? 1 : 0;
        }
        return 0;
    }

    /// <summary>How many words at <paramref name="i"/> name a sector, block or lane: "21", "C", "no. 4", or 0.</summary>
    private static int Designator(string text, List<Match> words, int i)
    {
        var taken = 0;
        if (i < words.Count && NumberWords.Contains(words[i].Value.ToLowerInvariant()) && Adjacent(text, words[i - 1], words[i]))
        {
            taken = 1;
        }
        var at = i + taken;
        var names = at < words.Count && Adjacent(text, words[at - 1], words[at])
            && ((words[at].Value.All(c => PhoneNumbers.DigitValue(c) is not null) && words[at].Length <= 4) || words[at].Length == 1)
            // "MG Road 2 din se band hai": a number that counts something names no lane.
            && !(at + 1 < words.Count && CountingWords.Contains(words[at + 1].Value.ToLowerInvariant()));
        return names ? taken + 1 : 0;
    }

    private static bool Adjacent(string text, Match first, Match second) =>
        second.Index - (first.Index + first.Length) is >= 0 and <= 3
        && text.AsSpan(first.Index + first.Length, second.Index - first.Index - first.Length).Trim(" .:#-") is { Length: 0 };

    /// <summary>The address as compared: lower case, ASCII digits, one space between its words.</summary>
    private static string AddressKey(string address) =>
        string.Join(' ', Word().Matches(Fold(address)).Select(m => m.Value));

    // ---- Patterns ------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{Nd}._%+\-])[\p{L}\p{Nd}._%+\-]+@[\p{L}\p{Nd}\-]+(?:\.[\p{L}\p{Nd}\-]+)*\.\p{L}{2,}(?![\p{L}\p{M}\p{Nd}\-])")]
    private static partial Regex Email();

    // handle@psp, the psp a single word: "asha.v@okaxis", "9876543210@ybl". With a dot after the @ it is an e-mail.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{Nd}._\-])[\p{L}\p{Nd}][\p{L}\p{Nd}._\-]*@[a-z][a-z0-9]+(?![\p{L}\p{M}\p{Nd}_@\-]|\.[\p{L}\p{Nd}])", RegexOptions.IgnoreCase)]
    private static partial Regex Upi();

    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{Nd}])[a-z]{4}0[a-z0-9]{6}(?![\p{L}\p{M}\p{Nd}])", RegexOptions.IgnoreCase)]
    private static partial Regex Ifsc();

    // A number as written, with what glues it into an amount, a decimal, a time or a date: "1,299", "12,500.50",
    // "10:30", "05/12/2026". A slash joins only short parts, so "9876543210/9876543211" is two numbers.
    [GeneratedRegex(@"[0-9०-९]+(?:(?:[.:]|,(?=[0-9०-९]{2,3}(?![0-9०-९]))|(?<=(?<![0-9०-९])[0-9०-९]{1,4})/(?=[0-9०-९]{1,4}(?![0-9०-९])))[0-9०-९]+)*")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"(?:₹|(?<![\p{L}\p{M}])(?:rs\.?|inr|rupees?|रु\.?|रुपये|रुपए))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyBefore();

    [GeneratedRegex(@"^\s*(?:%|/-|(?:percent|rupees?|rupaye|rs|inr|रुपये|रुपए|रु|प्रतिशत)(?![\p{L}\p{M}]))", RegexOptions.IgnoreCase)]
    private static partial Regex CurrencyOrPercentAfter();

    // Leftmost first, so "pin code" is one pincode cue, not "pin" and an OTP "code", and "upi pin" is a secret.
    // "Card" is a cue of its own, so "card ending 4821" is no OTP and a card number beside "account" stays a card.
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?:(?<otp>otp|one[\s-]*time[\s-]*(?:password|passcode|pin|code)|verification\s*code|security\s*code|upi\s*pin|atm\s*pin|m-?pin|passcode|code|ओटीपी|ओ\s?टी\s?पी|वेरिफिकेशन\s*कोड|कोड)|(?<pincode>pin\s*code|pincode|pin|zip(?:\s*code)?|postal\s*code|post\s*code|पिन\s*कोड|पिनकोड|पिन)|(?<account>account|a/c|acct|khata|खाता|अकाउंट)|card|debit\s*card|credit\s*card|कार्ड)(?![\p{L}\p{M}])", RegexOptions.IgnoreCase)]
    private static partial Regex CueWords();

    // An optional house word ("flat", "H.No.", "#", "मकान नंबर") and the number: "302", "221B", "B-204", "12/3", "४५".
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{Nd}])(?<house>(?:(?:flat|house|plot|door|shop|room|apt|makaa?n|ghar|मकान|फ़्लैट|फ्लैट|प्लॉट|प्लाट|घर|हाउस)(?:\s*(?:no|number|nr|नंबर|नम्बर|नं|न)(?![\p{L}\p{M}]))?|h\s?[./-]?\s?no|no(?=\s*[.:#])|\#)[\s.:#-]*)?(?<![0-9०-९][:.,/])(?<number>(?:[a-z]{1,2}\s?[-/]\s?)?[0-9०-९]{1,5}(?:[-/][0-9०-९a-z]{1,5}){0,2}[a-z]?)(?![\p{L}\p{M}\p{Nd}]|[:.,/][0-9०-९])", RegexOptions.IgnoreCase)]
    private static partial Regex HouseNumber();

    [GeneratedRegex(@"^(?:[0-9०-९]{4}[-/][0-9०-९]{1,2}[-/][0-9०-९]{1,2}|[0-9०-९]{1,2}[-/][0-9०-९]{1,2}[-/](?:[0-9०-९]{2}|[0-9०-९]{4}))$")]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^(?:19|20|१९|२०)[0-9०-९]{2}$")]
    private static partial Regex Year();

    [GeneratedRegex(@"^[0-9०-९]+(?:st|nd|rd|th)$", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+")]
    private static partial Regex Word();
}
