namespace FireworksSimulator;

/// <summary>
/// How a submitted Kontext task answers its polls: first <see cref="TaskNotFoundPolls"/> times
/// <c>Task not found</c> (Fireworks answers so right after submit), then <see cref="PendingPolls"/>
/// times <c>Pending</c>, then <see cref="FinalStatus"/> for every later poll.
/// </summary>
/// <param name="SampleHost">
/// Host name put in <c>result.sample</c> instead of the one the client used (e.g. <c>localhost</c>
/// while the client calls <c>127.0.0.1</c>): an adapter must treat it as a foreign host.
/// </param>
public sealed record KontextScript(
    int TaskNotFoundPolls = 0,
    int PendingPolls = 1,
    KontextFinalStatus FinalStatus = KontextFinalStatus.Ready,
    string? SampleHost = null)
{
    public static KontextScript Default { get; } = new();
}
