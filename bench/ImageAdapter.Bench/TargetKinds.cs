namespace ImageAdapter.Bench;

/// <summary>How targets are named on the command line and in the report, and which request and processes each has.</summary>
internal static class TargetKinds
{
    public static readonly IReadOnlyList<TargetKind> All = Enum.GetValues<TargetKind>();

    /// <summary>The name for <c>--targets</c>: direct, yarp, floor-rt, floor, adapter, adapter-info, yarp-server, functions.</summary>
    public static string CliName(this TargetKind kind) => kind switch
    {
        TargetKind.FloorAdapterRuntime => "floor-rt",
        TargetKind.AdapterInfo => "adapter-info",
        TargetKind.YarpServer => "yarp-server",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Label(this TargetKind kind) => kind switch
    {
        TargetKind.Direct => "direct",
        TargetKind.Yarp => "YARP",
        TargetKind.FloorAdapterRuntime => "floor-rt",
        TargetKind.Floor => "floor",
        TargetKind.Adapter => "adapter",
        TargetKind.AdapterInfo => "adapter-info",
        TargetKind.YarpServer => "YARP+server",
        TargetKind.Functions => "Functions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether the target takes the OpenAI request (the floor, or the adapter in some host) rather than the Fireworks call.</summary>
    public static bool TakesOpenAiRequest(this TargetKind kind) => kind is not (TargetKind.Direct or TargetKind.Yarp);

    public static TargetKind Parse(string name)
    {
        var wanted = name.Trim().ToLowerInvariant();
        foreach (var kind in All)
        {
            if (kind.CliName() == wanted)
            {
                return kind;
            }
        }

        throw new ArgumentException($"Unknown target '{name}'; use {string.Join(", ", All.Select(k => k.CliName()))}.");
    }
}
