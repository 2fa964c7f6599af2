namespace CareConsole.Core.Reports;

/// <summary>Enum members as links name them: lower case, by name only (a number names no member).</summary>
internal static class LowerNames
{
    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string text, out T? value) where T : struct, Enum
    {
        value = Enum.GetValues<T>().Cast<T?>().FirstOrDefault(member => Of(member!.Value) == text);
        return value is not null;
    }
}
