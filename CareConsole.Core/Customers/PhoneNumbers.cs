namespace CareConsole.Core.Customers;

public static class PhoneNumbers
{
    /// <summary>
    /// The ten-digit Indian mobile number in what a customer typed ("+91 98765-43210", "09876543210", Devanagari
    /// digits), or null when it is not one.
    /// </summary>
    public static string? Normalise(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var digits = new string(written.Select(DigitValue).Where(d => d is not null).Select(d => (char)('0' + d!.Value)).ToArray());
        if (digits.Length == 12 && digits.StartsWith("91", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        else if (digits.Length == 11 && digits[0] == '0')
        {
            digits = digits[1..];
        }
        return digits.Length == 10 && digits[0] is >= '6' and <= '9' ? digits : null;
    }

    /// <summary>The value of an ASCII or Devanagari digit, else null.</summary>
    public static int? DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0966' and <= '\u096F' => c - '\u0966',
        _ => null,
    };
}
