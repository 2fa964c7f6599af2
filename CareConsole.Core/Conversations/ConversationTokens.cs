using System.Security.Cryptography;
using System.Text;

namespace CareConsole.Core.Conversations;

/// <summary>
/// The bearer token that opens one conversation. Only its SHA-256 is stored, so a copy of the database cannot be
/// used to read or write anyone's conversation.
/// </summary>
public static class ConversationTokens
{
    /// <summary>A new random token (256 bits, URL-safe) and the hash to store.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>Whether <paramref name="token"/> is the one whose hash is stored, in constant time.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
