namespace FireworksSimulator.Routes;

internal static class FinishReasons
{
    public const string Success = "SUCCESS";
    public const string ContentFiltered = "CONTENT_FILTERED";
}
