namespace FireworksSimulator;

/// <summary>Where a scripted Kontext task ends up after its Task-not-found and Pending polls.</summary>
public enum KontextFinalStatus
{
    Ready,
    RequestModerated,
    ContentModerated,
    Error,
    /// <summary>The task answers <c>Pending</c> forever (to exercise a poll deadline).</summary>
    NeverReady,
    /// <summary>After its Pending polls the task answers <c>Task not found</c> again: seen, then lost.</summary>
    Lost,
}
