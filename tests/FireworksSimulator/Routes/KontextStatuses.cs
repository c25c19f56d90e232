namespace FireworksSimulator.Routes;

/// <summary>The <c>status</c> strings of Kontext <c>get_result</c> (contract §1.3).</summary>
internal static class KontextStatuses
{
    public const string TaskNotFound = "Task not found";
    public const string Pending = "Pending";
    public const string RequestModerated = "Request Moderated";
    public const string ContentModerated = "Content Moderated";
    public const string Ready = "Ready";
    public const string Error = "Error";

    public static string Of(KontextFinalStatus status) => status switch
    {
        KontextFinalStatus.Ready => Ready,
        KontextFinalStatus.RequestModerated => RequestModerated,
        KontextFinalStatus.ContentModerated => ContentModerated,
        KontextFinalStatus.Error => Error,
        _ => Pending,
    };
}
