using System.Globalization;
using System.Text.RegularExpressions;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Catalog;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>
/// The two numbers customers ask for most — how long a refund takes, how long they have to return something —
/// stated by code from the store's rules, in the customer's register. A help-centre section in the right article
/// may still miss the number (the opening of the Hindi returns article has none); these never do, and they are the
/// same numbers in every language because they come from one place.
/// </summary>
public static partial class PolicyFacts
{
    /// <summary>The facts <paramref name="question"/> asks for and the article that states them; null when it asks for neither.</summary>
    public static (string Text, string ArticleId)? For(string question, StorePolicy policy, Wording w)
    {
        var text = question.ToLowerInvariant();
        if (RefundWord().IsMatch(text) && TimeWord().IsMatch(text))
        {
            return (RefundTimes(text, policy, w), StorePolicy.RefundArticle);
        }
        if (ReturnWord().IsMatch(text) && WindowWord().IsMatch(text))
        {
            return (Windows(text, policy, w), StorePolicy.ReturnsArticle);
        }
        return null;
    }

    private static string RefundTimes(string text, StorePolicy policy, Wording w) =>
            Method(text) is { } method
                ? w.Say("facts.refund_time_one", ("method", w.Say("pay." + Key(method))), ("time", w.Time(policy.RefundTime(method))))
                : w.Say("facts.refund_times", ("list", string.Join(", ", Enum.GetValues<PaymentMethod>()
                    .Select(m => $"{w.Say("pay." + Key(m))} {w.Time(policy.RefundTime(m))}"))));

    private static string Windows(string text, StorePolicy policy, Wording w) =>
        Category(text) is { } category
            ? Window(w, policy.WindowFor(category), single: true)
            : w.Say("facts.windows", ("list", string.Join(", ", Enum.GetValues<ProductCategory>()
                .Select(c => Window(w, policy.WindowFor(c), single: false)))));

    private static string Window(Wording w, ReturnWindow window, bool single)
    {
        var name = w.Say("category." + Key(window.Category));
        if (window.Days is not { } days)
        {
            return single ? w.Say("facts.not_returnable", ("category", name)) : $"{name} {w.Say("facts.no_returns")}";
        }
        var only = window.ReplacementOnly ? w.Say("facts.replacement_only") : "";
        var count = days.ToString(CultureInfo.InvariantCulture);
        return single
            ? w.Say("facts.window_one", ("category", name), ("days", count), ("only", only))
            : $"{name} {w.Say("facts.days", ("days", count))}{only}";
    }

    private static string Key<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static PaymentMethod? Method(string text) =>
        Upi().IsMatch(text) ? PaymentMethod.Upi
        : Emi().IsMatch(text) ? PaymentMethod.Emi
        : Card().IsMatch(text) ? PaymentMethod.Card
        : Wallet().IsMatch(text) ? PaymentMethod.Wallet
        : Cod().IsMatch(text) ? PaymentMethod.Cod
        : null;

    private static ProductCategory? Category(string text) =>
        Categories.FirstOrDefault(c => c.Pattern.IsMatch(text)) is { Pattern: not null } found ? found.Category : null;

    private static readonly (ProductCategory Category, Regex Pattern)[] Categories =
    [
        (ProductCategory.Mobiles, MobilesWords()),
        (ProductCategory.Appliances, AppliancesWords()),
        (ProductCategory.Electronics, ElectronicsWords()),
        (ProductCategory.Fashion, FashionWords()),
        (ProductCategory.HomeAndKitchen, HomeWords()),
        (ProductCategory.Beauty, BeautyWords()),
        (ProductCategory.Books, BooksWords()),
        (ProductCategory.Grocery, GroceryWords()),
        (ProductCategory.Sports, SportsWords()),
        (ProductCategory.Toys, ToysWords()),
    ];

    [GeneratedRegex(@"\b(refund\w*|money back|paisa wapas|paise wapas)\b|रिफंड|पैसे वापस|पैसा वापस")]
    private static partial Regex RefundWord();

    [GeneratedRegex(@"\b(how long|how many days|how much time|when|time|days?|kitne|kitna|kab|din|takes?)\b|कितने|कितना|कब|दिन|समय")]
    private static partial Regex TimeWord();

    [GeneratedRegex(@"\b(return\w*|send (it )?back|wapas|vapas|replace\w*|exchange)\b|रिटर्न|वापस|लौटा|बदल")]
    private static partial Regex ReturnWord();

    [GeneratedRegex(@"\b(window|how many days|days?|period|time limit|policy|kitne din|din|within)\b|कितने दिन|दिन|अवधि|पॉलिसी|नीति")]
    private static partial Regex WindowWord();

    [GeneratedRegex(@"\bupi\b|यूपीआई")]
    private static partial Regex Upi();

    [GeneratedRegex(@"\bemi\b|ईएमआई")]
    private static partial Regex Emi();

    [GeneratedRegex(@"\b(card|credit|debit)\b|कार्ड")]
    private static partial Regex Card();

    [GeneratedRegex(@"\bwallet\b|वॉलेट")]
    private static partial Regex Wallet();

    [GeneratedRegex(@"\b(cod|cash on delivery|cash)\b|कैश")]
    private static partial Regex Cod();

    [GeneratedRegex(@"\b(mobiles?|phones?|smartphones?)\b|मोबाइल|फ़ोन|फोन")]
    private static partial Regex MobilesWords();

    [GeneratedRegex(@"\b(appliances?|ac|fridge|refrigerator|washing machine|mixer|microwave|geyser)\b|फ्रिज|वॉशिंग मशीन")]
    private static partial Regex AppliancesWords();

    [GeneratedRegex(@"\b(electronics?|earbuds|headphones?|laptops?|tv|television|speakers?|chargers?)\b|इलेक्ट्रॉनिक")]
    private static partial Regex ElectronicsWords();

    [GeneratedRegex(@"\b(fashion|clothes|clothing|shirts?|shoes|kurta|saree|jeans|kapde|kapda)\b|कपड़े|कपड़ा|जूते")]
    private static partial Regex FashionWords();

    [GeneratedRegex(@"\b(home|kitchen|bedsheets?|utensils?|furniture)\b|रसोई|किचन")]
    private static partial Regex HomeWords();

    [GeneratedRegex(@"\b(beauty|makeup|cream|shampoo|cosmetics?)\b|ब्यूटी")]
    private static partial Regex BeautyWords();

    [GeneratedRegex(@"\b(books?|kitab|kitaab)\b|किताब")]
    private static partial Regex BooksWords();

    [GeneratedRegex(@"\b(grocery|groceries|food|rice|atta|oil|dal)\b|किराना|राशन")]
    private static partial Regex GroceryWords();

    [GeneratedRegex(@"\b(sports?|gym|cricket|bat|football)\b|खेल")]
    private static partial Regex SportsWords();

    [GeneratedRegex(@"\b(toys?|khilona|khilone)\b|खिलौन")]
    private static partial Regex ToysWords();
}
