using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using CareConsole.Core.Conversations;
using Microsoft.Net.Http.Headers;

namespace CareConsole.Components.Words;

/// <summary>
/// What the customer's pages say around the conversation (labels, status lines, errors), in the conversation's
/// language: English, or Hindi in Devanagari. A Hinglish conversation gets the English words: the replies are in
/// Hinglish, while romanised Hindi has no settled spelling for a button or an error, and people who write Hinglish
/// read English labels without effort. The texts are in CustomerText.resx and CustomerText.hi.resx.
/// </summary>
public sealed class CustomerWords
{
    private static readonly ResourceManager Texts = new("CareConsole.Components.Words.CustomerText", typeof(CustomerWords).Assembly);

    private readonly CultureInfo _culture;

    private CustomerWords(CultureInfo culture, string tag)
    {
        _culture = culture;
        LanguageTag = tag;
    }

    public static CustomerWords English { get; } = new(CultureInfo.GetCultureInfo("en"), "en");

    public static CustomerWords Hindi { get; } = new(CultureInfo.GetCultureInfo("hi"), "hi");

    /// <summary>The words for a conversation in <paramref name="register"/>.</summary>
    public static CustomerWords For(Register register) => register == Register.Hindi ? Hindi : English;

    /// <summary>
    /// The words for a browser's Accept-Language header: Hindi when the person's most preferred language is Hindi,
    /// English otherwise. For pages no conversation stands behind (the help centre).
    /// </summary>
    public static CustomerWords ForBrowser(string? acceptLanguage)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptLanguage is null ? null : [acceptLanguage], out var languages))
        {
            return English;
        }
        var first = languages.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return first?.Value.StartsWith("hi", StringComparison.OrdinalIgnoreCase) == true ? Hindi : English;
    }

    /// <summary>For the html lang attribute around these words.</summary>
    public string LanguageTag { get; }

    public string Title => Get();

    public string StatusAssistant => Get();

    public string StatusPerson => Get();

    public string ReplyLanguage => Get();

    public string LanguageAuto => Get();

    public string Message => Get();

    public string Placeholder => Get();

    public string Send => Get();

    public string Conversation => Get();

    public string Typing => Get();

    public string SupportTeam => Get();

    public string Source => Get();

    public string HowDidWeDo => Get();

    public string Rating => Get();

    public string CommentLabel => Get();

    public string CommentPlaceholder => Get();

    public string SendRating => Get();

    public string ThanksForFeedback => Get();

    public string StartNew => Get();

    public string ChatEnded => Get();

    public string TooLong(int characters) => Format(characters);

    public string Busy => Get();

    public string HomeHeading => Get();

    public string HomeIntro => Get();

    public string HelpCentre => Get();

    public string SearchHelp => Get();

    public string SearchPlaceholder => Get();

    public string Search => Get();

    public string ResultsFor(string query) => Format(query);

    public string NothingMatched => Get();

    public string AskAssistant => Get();

    public string StillNeedHelp => Get();

    public string Stars(int count) => count == 1 ? Get("OneStar") : Format(count, nameof(Stars));

    public string SlowDown(int seconds) => seconds == 1 ? Get("SlowDownOne") : Format(seconds, nameof(SlowDown));

    /// <summary>The text for <paramref name="key"/>; every key has an English and a Hindi text (a test checks).</summary>
    public string Get([CallerMemberName] string key = "") =>
        Texts.GetString(key, _culture) ?? throw new InvalidOperationException($"No customer text '{key}'.");

    private string Format(object value, [CallerMemberName] string key = "") => string.Format(_culture, Get(key), value);

    /// <summary>Every key, for the test that each has both languages.</summary>
    public static IEnumerable<string> Keys() =>
        Texts.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>().Select(entry => (string)entry.Key);
}
