namespace CareConsole.Hosting;

public static class LocalUrl
{
    /// <summary>
    /// Whether a return address stays on this site: "/desk" yes; "//evil.example", "/\evil.example" and
    /// "https://…" no, since browsers read those as other hosts; nor anything with a control character, which no
    /// redirect may carry.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
