using Microsoft.Diagnostics.Tracing.Etlx;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>stacks TRACE.nettrace</c>: the share of a CPU-sampling trace's samples spent in each <see cref="StackComponent"/>.
/// The trace comes from <c>dotnet-trace collect-linux -p PID --profile cpu-sampling</c> on one serving process under
/// <c>load</c>; times its CPU per request, the shares say where that process's time per request goes. Each sample's
/// stack is read from the root, so a component's share includes what it calls. With <c>--top N</c>, the N frames that
/// most samples were taken in (exclusive time), named by method or, where no method is known, by module.
/// </summary>
internal static class StacksCommand
{
    public static int Run(string[] args)
    {
        var top = args.Length == 4 && args[2] == "--top" && int.TryParse(args[3], out var count) ? count : 0;
        if ((args.Length != 2 && top == 0) || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: stacks TRACE.nettrace [--top N] (from dotnet-trace collect-linux --profile cpu-sampling)");
            return 2;
        }

        var samples = new Dictionary<string, int>();
        var leaves = new Dictionary<string, int>();
        var total = 0;
        using (var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[1])))
        {
            foreach (var sample in log.Events)
            {
                if (sample.CallStack() is { } stack)
                {
                    var component = StackComponent.Of(Methods(stack));
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
