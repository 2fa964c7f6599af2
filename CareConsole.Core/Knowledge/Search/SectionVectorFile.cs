using System.Text;

namespace CareConsole.Core.Knowledge.Search;

/// <summary>
/// Section vectors kept on disk between starts, so a restart embeds only new or edited sections instead of the whole
/// help centre (about 20 s of a core with the local model). One file per embedding model, since vectors from two
/// models cannot be compared; each vector is keyed by a hash of the text it was made from, so an edited section
/// misses and is embedded again. A file that cannot be read is treated as empty: the vectors are made again.
/// </summary>
public sealed class SectionVectorFile(string path)
{
    private static readonly byte[] Magic = "CCSV1"u8.ToArray();

    public string Path => path;

    /// <summary>The file for <paramref name="model"/>'s vectors in <paramref name="directory"/>.</summary>
    public static SectionVectorFile For(string directory, string model)
    {
        var name = new string([.. model.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
        return new SectionVectorFile(System.IO.Path.Combine(directory, $"section-vectors.{name}.bin"));
    }

    /// <summary>The vectors stored, by key; empty when there is no file or it is not one of ours.</summary>
    public Dictionary<string, ReadOnlyMemory<float>> Read()
    {
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                return vectors;
            }
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var dimensions = reader.ReadInt32();
                // A damaged length must not allocate gigabytes before the read runs out of file.
                if (dimensions < 0 || dimensions > (stream.Length - stream.Position) / sizeof(float))
                {
                    return new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
                }
                var vector = new float[dimensions];
                for (var j = 0; j < vector.Length; j++)
                {
                    vector[j] = reader.ReadSingle();
                }
                vectors[key] = vector;
            }
            return vectors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="vectors"/>, whole: written beside it and moved over it, so a reader (or
    /// a second console on the same folder) sees the old file or the new one, never half of one. Returns whether it
    /// was written; a folder that cannot be written only costs the next start its embedding time.
    /// </summary>
    public bool Write(IReadOnlyDictionary<string, ReadOnlyMemory<float>> vectors)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(vectors.Count);
                foreach (var (key, vector) in vectors)
                {
                    writer.Write(key);
                    writer.Write(vector.Length);
                    foreach (var value in vector.Span)
                    {
                        writer.Write(value);
                    }
                }
            }
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
            return false;
        }
    }
}
