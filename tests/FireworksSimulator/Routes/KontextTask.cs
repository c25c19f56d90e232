using FireworksSimulator.Imaging;

namespace FireworksSimulator.Routes;

/// <summary>A submitted Kontext request and how many times it has been polled.</summary>
internal sealed class KontextTask(string id, KontextScript script, ImageFormat format, int width, int height)
{
    private int _polls;

    public string Id { get; } = id;
    public KontextScript Script { get; } = script;
    public ImageFormat Format { get; } = format;
    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>Counts this poll and returns its 1-based number.</summary>
    public int NextPoll() => Interlocked.Increment(ref _polls);

    public bool HasSample => Script.FinalStatus == KontextFinalStatus.Ready;
}
