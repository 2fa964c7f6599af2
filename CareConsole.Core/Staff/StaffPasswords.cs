using System.Security.Cryptography;

namespace CareConsole.Core.Staff;

/// <summary>Password rules for staff, and strong passwords for accounts CareConsole creates itself.</summary>
public static class StaffPasswords
{
    public const int MinimumLength = 10;

    // No look-alikes (0/O, 1/l/I), so a password read off a terminal can be typed back.
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    /// <summary>Sixteen random characters in four dash-separated groups, always with lower, upper and digit.</summary>
    public static string Generate()
    {
        const string alphabet = Lower + Upper + Digits;
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
            var password = string.Join('-', chars.Chunk(4).Select(group => new string(group)));
            if (password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }
}
