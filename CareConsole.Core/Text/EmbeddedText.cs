using System.Text;

namespace CareConsole.Core.Text;

/// <summary>Data files shipped inside CareConsole.Core (lexicons, word lists, labelled sets), read as text.</summary>
public static class EmbeddedText
{
    /// <summary>The file <paramref name="fileName"/> embedded beside <paramref name="neighbour"/> (in its namespace's folder), or null.</summary>
    public static string? TryRead(Type neighbour, string fileName)
    {
        using var stream = neighbour.Assembly.GetManifestResourceStream($"{neighbour.Namespace}.{fileName}");
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>As <see cref="TryRead"/>, for files the build always embeds: a missing one is a broken build.</summary>
    public static string Read(Type neighbour, string fileName) =>
        TryRead(neighbour, fileName) ?? throw new InvalidOperationException($"{fileName} is not embedded in {neighbour.Assembly.GetName().Name}.");
}
