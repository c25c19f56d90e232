using Microsoft.Diagnostics.Tracing.Etlx;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>stacks TRACE.nettrace</c>: the share of a CPU-sampling trace's samples spent in each <see cref="StackComponent"/>.
/// The trace comes from <c>dotnet-trace collect-linux -p PID --profile cpu-sampling</c> on one serving process under
/// <c>load</c>; times its CPU per request, the shares say where that process's time per request goes. Each sample's
/// stack is read from the root, so a component's share includes what it calls. With <c>--top N</c>, the N frames that
/// most samples were taken in (exclusive time), named by method or, where no method is known, by module. With
/// <c>--frames A,B</c>, the share of samples with a frame whose name holds A, then B (inclusive time): what a library or
/// a method costs with everything it calls.
/// </summary>
internal static class StacksCommand
{
    private const string Usage = "usage: stacks TRACE.nettrace [--top N] [--frames TEXT,TEXT] (from dotnet-trace collect-linux --profile cpu-sampling)";

    public static int Run(string[] args)
    {
        var top = 0;
        string[] frames = [];
        for (var i = 2; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--top" when int.TryParse(args[i + 1], out var count):
                    top = count;
                    break;
                case "--frames":
                    frames = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (args.Length < 2 || args.Length % 2 != 0 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var samples = new Dictionary<string, int>();
        var leaves = new Dictionary<string, int>();
        var withFrame = new int[frames.Length];
        var total = 0;
        using (var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[1])))
        {
            foreach (var sample in log.Events)
            {
                if (sample.CallStack() is { } stack)
                {
                    var methods = Methods(stack);
                    var component = StackComponent.Of(methods);
                    for (var f = 0; f < frames.Length; f++)
                    {
                        withFrame[f] += methods.Exists(method => method.Contains(frames[f], StringComparison.Ordinal)) ? 1 : 0;
                    }

                    samples[component] = samples.GetValueOrDefault(component) + 1;
                    var leaf = Leaf(stack);
                    leaves[leaf] = leaves.GetValueOrDefault(leaf) + 1;
                    total++;
                }
            }
        }

        Console.WriteLine($"{total} samples with a stack");
        foreach (var name in StackComponent.All.Select(component => component.Name).Append(StackComponent.Rest))
        {
            Console.WriteLine($"{name,-34} {100.0 * samples.GetValueOrDefault(name) / Math.Max(1, total),5:F1} %");
        }

        for (var f = 0; f < frames.Length; f++)
        {
            Console.WriteLine($"{100.0 * withFrame[f] / Math.Max(1, total),5:F1} %  with a frame holding {frames[f]}");
        }

        foreach (var (leaf, leafSamples) in leaves.OrderByDescending(pair => pair.Value).Take(top))
        {
            Console.WriteLine($"{100.0 * leafSamples / Math.Max(1, total),5:F1} %  {leaf}");
        }

        return 0;
    }

    // The frame a sample was taken in: its method, or its module where the trace names no method.
    private static string Leaf(TraceCallStack stack) => string.IsNullOrEmpty(stack.CodeAddress.FullMethodName)
        ? stack.CodeAddress.ModuleName + "!?"
        : WithoutSignature(stack.CodeAddress.FullMethodName);

    // Each frame's namespace, type and method, without the signature (a parameter's type is not the frame's component).
    private static List<string> Methods(TraceCallStack? stack)
    {
        var methods = new List<string>();
        for (; stack is not null; stack = stack.Caller)
        {
            methods.Add(WithoutSignature(stack.CodeAddress.FullMethodName));
        }

        return methods;
    }

    private static string WithoutSignature(string name)
    {
        var signature = name.IndexOf('(', StringComparison.Ordinal);
        return signature > 0 ? name[..signature] : name;
    }
}
