namespace ImageAdapter.Tests.Infrastructure;

/// <summary>Folders the infrastructure tests read, found from the test binary's location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the first folder above the test binary holding Functions.sln or global.json.</summary>
    public static string Root => LazyRoot.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string Gateway => Path.Combine(Root, "infra", "gateway");

    /// <summary><c>../shared/spec</c> next to the checkout, or null (a user's clone has none).</summary>
    public static string? SharedSpec
    {
        get
        {
            var spec = Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec"));
            return Directory.Exists(Path.Combine(spec, "crds")) ? spec : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")) || File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Functions.sln or global.json above {AppContext.BaseDirectory}.");
    }
}
