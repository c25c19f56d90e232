namespace ImageAdapter.Bench;

/// <summary>
/// Parent and command line of running processes, read from <c>/proc</c> (Linux): how the bench finds the Functions
/// worker, which the host starts as its own child (<c>dotnet ImageAdapter.Functions.dll --host ... --port ...</c>).
/// </summary>
internal static class ProcessTree
{
    /// <summary>The first process under <paramref name="rootId"/> (at any depth) whose command line contains <paramref name="fragment"/>.</summary>
    public static int? FindDescendant(int rootId, string fragment)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var id) ? id : 0)
            .Where(id => id > 0)
            .Select(id => (Id: id, Parent: ParentOf(id)))
            .ToLookup(p => p.Parent, p => p.Id);
        var pending = new Queue<int>(children[rootId]);
        while (pending.TryDequeue(out var id))
        {
            if (CommandLine(id).Contains(fragment, StringComparison.Ordinal))
            {
                return id;
            }

            foreach (var child in children[id])
            {
                pending.Enqueue(child);
            }
        }

        return null;
    }

    /// <summary>The parent process id, or 0 when the process is gone.</summary>
    public static int ParentOf(int id)
    {
        // /proc/<id>/stat is "id (comm) state ppid ...", and comm may itself contain spaces and parentheses.
        var stat = Read($"/proc/{id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : 0;
    }

    private static string CommandLine(int id) => Read($"/proc/{id}/cmdline").Replace('\0', ' ');

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
