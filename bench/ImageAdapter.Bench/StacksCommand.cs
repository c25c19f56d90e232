using Microsoft.Diagnostics.Tracing.Etlx;

namespace ImageAdapter.Bench;

/// <summary>
/// <c>stacks TRACE.nettrace</c>: the share of a CPU-sampling trace's samples spent in each <see cref="StackComponent"/>.
/// The trace comes from <c>dotnet-trace collect-linux -p PID --profile cpu-sampling</c> on one serving process under
/// <c>load</c>; times its CPU per request, the shares say where that process's time per request goes. Each sample's
/// stack is read from the root, so a component's share includes what it calls.
/// </summary>
internal static class StacksCommand
{
    public static int Run(string[] args)
    {
        if (args.Length != 2 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: stacks TRACE.nettrace (from dotnet-trace collect-linux --profile cpu-sampling)");
            return 2;
        }

        var samples = new Dictionary<string, int>();
        var total = 0;
        using (var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[1])))
        {
            foreach (var sample in log.Events)
            {
                if (sample.CallStack() is { } stack)
                {
                    var component = StackComponent.Of(Methods(stack));
                    samples[component] = samples.GetValueOrDefault(component) + 1;
                    total++;
                }
            }
        }

        Console.WriteLine($"{total} samples with a stack");
        foreach (var name in StackComponent.All.Select(component => component.Name).Append(StackComponent.Rest))
        {
            Console.WriteLine($"{name,-34} {100.0 * samples.GetValueOrDefault(name) / Math.Max(1, total),5:F1} %");
        }

        return 0;
    }

    // Each frame's namespace, type and method, without the signature (a parameter's type is not the frame's component).
    private static List<string> Methods(TraceCallStack? stack)
    {
        var methods = new List<string>();
        for (; stack is not null; stack = stack.Caller)
        {
            var name = stack.CodeAddress.FullMethodName;
            var signature = name.IndexOf('(', StringComparison.Ordinal);
            methods.Add(signature > 0 ? name[..signature] : name);
        }

        return methods;
    }
}
