using System.Collections.Concurrent;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// Server starts shared by the rows of <see cref="StartupValidationTests"/>. xunit runs a class's rows one after another
/// and each start costs seconds, so the first row starts them all, a few at a time, and each row awaits its own. Disposal
/// waits for every start, so no server outlives the run when only some rows were selected.
/// </summary>
public sealed class StartupValidationRuns : IAsyncDisposable
{
    // Starting a server is mostly CPU (JIT): more at once than there are cores gains nothing.
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount);
    private readonly ConcurrentDictionary<string, Lazy<Task<ServerStartup.Outcome>>> _runs = new(StringComparer.Ordinal);

    /// <summary>Starts a run for each set of variables not started yet.</summary>
    public void StartAll(IEnumerable<IReadOnlyDictionary<string, string>> runs)
    {
        foreach (var variables in runs)
        {
            _ = Run(variables);
        }
    }

    /// <summary>The outcome of the server started with <paramref name="variables"/>, started now unless it already was.</summary>
    public Task<ServerStartup.Outcome> Run(IReadOnlyDictionary<string, string> variables) =>
        _runs.GetOrAdd(Key(variables), _ => new Lazy<Task<ServerStartup.Outcome>>(() => RunGatedAsync(variables))).Value;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_runs.Values.Select(run => run.Value));
        }
        catch (Exception)
        {
            // Each row reports its own run's failure; here only the waiting matters.
        }

        _gate.Dispose();
    }

    private async Task<ServerStartup.Outcome> RunGatedAsync(IReadOnlyDictionary<string, string> variables)
    {
        await _gate.WaitAsync();
        try
        {
            return await ServerStartup.RunAsync(variables);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> variables) =>
        string.Join('\n', variables.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
