namespace CareConsole.Core;

/// <summary>Where CareConsole's folders are when it runs from a checkout (or from a published folder).</summary>
public static class RepositoryLayout
{
    private const string SolutionFile = "CareConsole.sln";

    /// <summary>
    /// The checkout's root: the nearest folder at or above <paramref name="start"/> holding the solution file.
    /// A published app has no solution above it, so it keeps its data beside itself.
    /// </summary>
    public static string RootFrom(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }
        return Path.GetFullPath(start);
    }
}
