namespace ImageAdapter.Tests.Support;

/// <summary>Finds the repository root (the folder with <c>global.json</c>) and the <c>../shared</c> folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>../shared</c>, or null when it does not exist.</summary>
    public static string? Shared(params string[] parts)
    {
        var path = Path.Combine([Path.GetDirectoryName(Root)!, "shared", .. parts]);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "global.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No global.json above " + AppContext.BaseDirectory);
    }
}
