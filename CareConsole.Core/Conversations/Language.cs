namespace CareConsole.Core.Conversations;

/// <summary>
/// How the customer writes, and so how we answer: English, Hindi in Devanagari, or Hindi in Latin letters
/// ("Hinglish"). Reported through the API as "en" or "hi" (Hinglish is Hindi).
/// </summary>
public enum Register
{
    English,
    Hindi,
    Hinglish,
}

/// <summary>What the customer chose in the language picker.</summary>
public enum LanguagePreference
{
    Auto,
    English,
    Hindi,
}

public static class RegisterCodes
{
    /// <summary>The ISO 639-1 code the API reports: "en" or "hi".</summary>
    public static string Code(this Register register) => register == Register.English ? "en" : "hi";
}
