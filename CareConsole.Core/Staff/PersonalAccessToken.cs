using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CareConsole.Core.Staff;

/// <summary>Where a personal access token stands, by itself (its account's role and lock are checked apart).</summary>
public enum TokenState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A manager's key to the reporting API, for scripts and BI tools that cannot sign in with a password. Only the token's
/// SHA-256 is stored, with its first characters to tell tokens apart in a list: the token itself is shown once, when it
/// is made, and a copy of the database cannot be used to call the API.
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>How every token starts, so people, log scrubbers and secret scanners can recognise one.</summary>
    public const string Marker = "ccpat_";

    /// <summary>The marker and 32 random bytes in unpadded base64url.</summary>
    public const int Length = 49;

    /// <summary>What is kept of a token to recognise it: the marker and its first eight random characters.</summary>
    public const int PrefixLength = 14;

    public const int MaxNameLength = 80;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private PersonalAccessToken()
    {
    }

    public int Id { get; private set; }

    public string StaffUserId { get; private set; } = "";

    /// <summary>The owner's label, e.g. "Grafana" or "weekly export".</summary>
    public string Name { get; private set; } = "";

    /// <summary>The token's first <see cref="PrefixLength"/> characters.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>The token's SHA-256, lower-case hex.</summary>
    public string Hash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>To the minute: recording every call would turn each read of a report into a write.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public TokenState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? TokenState.Revoked : ExpiresAt <= now ? TokenState.Expired : TokenState.Active;

    /// <summary>A new token for <paramref name="staffUserId"/>, and the secret to show its owner once.</summary>
    internal static (PersonalAccessToken Token, string Secret) Issue(string staffUserId, string name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var secret = Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new PersonalAccessToken
        {
            StaffUserId = staffUserId,
            Name = name,
            Prefix = secret[..PrefixLength],
            Hash = Convert.ToHexStringLower(HashOf(secret)),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        }, secret);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has a token's shape (marker, length, alphabet): anything else is refused before
    /// the database is asked.
    /// </summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.StartsWith(Marker, StringComparison.Ordinal)
        && !text.AsSpan(Marker.Length).ContainsAnyExcept(Base64UrlAlphabet);

    /// <summary>Whether <paramref name="secret"/> is this token, comparing the hashes in constant time.</summary>
    internal bool Matches(string secret)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(Hash, stored, out _, out var written) == OperationStatus.Done
            && written == stored.Length
            && CryptographicOperations.FixedTimeEquals(HashOf(secret), stored);
    }

    /// <summary>Whether a use now should be written down: the first, or the first in a new minute.</summary>
    internal bool UseIsWorthRecording(DateTimeOffset now) => LastUsedAt is not { } last || now - last >= TimeSpan.FromMinutes(1);

    internal void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
