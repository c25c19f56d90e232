using System.Runtime.InteropServices;
using System.Text;

namespace ImageAdapter.Bench;

/// <summary>
/// Renders a run as markdown (the projects run with invariant globalization, so numbers format with a dot): throughput,
/// latency, memory, start-up, allocations, the Functions comparison, soak, and the targets with PASS/FAIL. Columns and
/// rows appear for the targets that were run.
/// </summary>
internal static class ResultsReport
{
    public static string Render(BenchResults r)
    {
        var md = new StringBuilder();
        var o = r.Options;
        md.AppendLine("# ImageAdapter benchmark results").AppendLine();
        md.AppendLine($"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Elapsed.TotalMinutes:F1} min; {Environment.ProcessorCount} logical CPUs ({MachineCpu.Describe()}), " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}. Targets: {string.Join(", ", o.Targets.Select(t => t.CliName()))}. " +
            $"Every cell: {o.Duration.TotalSeconds:0.#} s measured per target in {o.Rounds} rounds of one window each, every window after " +
            $"{o.WarmUp.TotalSeconds:0.#} s of warm-up, the targets in order in the first round and in reverse in the next (A B C, C B A, …), " +
            "so a drift of the machine weighs on all alike and the targets compared are measured side by side in every round; " +
            "closed loop (each client sends its next request when the previous answer is read). " +
            (o.Prewarm > TimeSpan.Zero
                ? $"Before a workload's first cell, each target served it from one client for {o.Prewarm.TotalSeconds:0.#} s, unmeasured (pre-warm)."
                : "No pre-warm: a workload's first cell includes the targets' tiered compilation of its code."));
        md.AppendLine();
        md.AppendLine("All processes run on loopback on the same machine and share its CPUs: the load generator, the simulator, " +
            "and every target's processes (idle while another target is measured). Nothing is pinned. On a 2-CPU machine a target " +
            "with a hop in front of the simulator competes with the simulator and the load generator for the same cores, which lowers " +
            "its throughput and raises its latency more than a deployment with the upstream elsewhere would.").AppendLine();
        md.AppendLine("The simulator, the proxies, the floor and the servers are framework-dependent Release builds started with `dotnet <dll>`. " +
            "The simulator runs with server GC (the ASP.NET Core default), and so do the proxies and the floor (run by the bench's own executable, with `DOTNET_gcServer=1`); " +
            "floor-rt is the floor's code run with the servers' `DOTNET_*` settings below instead. " +
            "The servers and the Functions worker run with the adapter's own runtime settings (`src/HostRuntime.props`: workstation GC, thread-pool workers that do not spin). " +
            "Every server, and the Functions host and its worker, get the `DOTNET_*` app settings of `infra/app/function.bicep` from the environment, read from that file as a deployment gets them: " +
            "workstation GC and no spinning for the host as well, and a 16 MiB gen0 budget (`DOTNET_GCgen0size`) for all. The load generator uses workstation GC. " +
            "The simulator keeps every request it receives in memory (its test API) and is not a target of the memory figures.").AppendLine();
        md.AppendLine("Targets: **direct** = the Fireworks simulator called with the request the adapter would send; " +
            "**YARP** = the same request through a plain YARP pass-through (one .NET proxy hop); " +
            "**floor** = `POST /v1/images/generations` on the least any `b64_json` adapter must do (read the body, one Fireworks " +
            "call, the image into a pooled buffer, the JSON answer with the base64 encoded in chunks straight into the response; " +
            "for SDXL n=4 the artifacts' base64 copied through), in the bench project, framework only, the adapter's targets' baseline; " +
            "**floor-rt** = the floor with the adapter's deployed runtime settings (workstation GC, thread-pool workers that do not spin, the gen0 budget) in place of ASP.NET Core's defaults, " +
            "so that adapter / floor parts into floor-rt / floor (what those settings cost or save) and adapter / floor-rt (what the adapter's code costs); " +
            "**adapter** = `POST /v1/images/generations` on the standalone server in front of the simulator, logging at Warning; " +
            "**adapter-info** = the same on a second server with the logging it ships with (Information); " +
            "**YARP+server** = the same through a second YARP pass-through in front of a second server; " +
            "**Functions** = the same on the Functions app under the Azure Functions host, which proxies each request to its " +
            "worker process" + (r.FunctionsHost is null ? "" : $" (host run by {r.FunctionsHost})") + ". " +
            "YARP+server and Functions both put one proxy hop in front of the adapter, so they are compared with each other.").AppendLine();

        TrafficTables.Render(md, r);
        Startup(md, r);
        AllocationSection.Render(md, r);
        FunctionsComparison.Render(md, r);
        Soak(md, r);
        TargetsSection.Render(md, r);
        return md.ToString();
    }

    private static void Startup(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Start to first response").AppendLine();
        if (r.Startup is not { } s)
        {
            md.AppendLine("Not run (it needs the `adapter` target and `--startups` above 0).").AppendLine();
            return;
        }

        md.AppendLine($"`dotnet ImageAdapter.Server.dll` (Release build, framework-dependent) started {s.FirstResponse.Count} times; " +
            $"time from `Process.Start` to the first 200 on `/healthz` and on `POST /v1/images/generations` (SDXL n=1, simulator already warm).");
        md.AppendLine();
        md.AppendLine("| start | /healthz 200 (ms) | first generation 200 (ms) |");
        md.AppendLine("|--:|--:|--:|");
        for (var i = 0; i < s.FirstResponse.Count; i++)
        {
            md.AppendLine($"| {i + 1} | {s.Health[i].TotalMilliseconds:F0} | {s.FirstResponse[i].TotalMilliseconds:F0} |");
        }

        md.AppendLine($"| **median** | **{s.MedianHealth.TotalMilliseconds:F0}** | **{s.MedianFirstResponse.TotalMilliseconds:F0}** |");
        md.AppendLine();
    }

    private static void Soak(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Soak").AppendLine();
        if (r.Soak is not { } soak)
        {
            md.AppendLine("Not run (pass `--soak 5m`; it needs the `adapter` target).").AppendLine();
            return;
        }

        md.AppendLine($"Adapter, SDXL n=1, {SoakRun.Clients} clients for {soak.Duration.TotalMinutes:F1} min: " +
            $"{soak.Load.Succeeded} requests ({soak.Load.Throughput:F1} req/s, p99 {soak.Load.P99:F1} ms, {soak.Load.Failures} failures). " +
            $"Working set average over the first {soak.Window.TotalSeconds:F0} s: {soak.FirstWindowAverage / 1e6:F0} MB; " +
            $"over the last {soak.Window.TotalSeconds:F0} s: {soak.LastWindowAverage / 1e6:F0} MB; growth {soak.Growth * 100:F1} % " +
            $"(pass when <= {SoakResult.AllowedGrowth * 100:F0} %).");
        md.AppendLine();
        md.AppendLine("Samples (s: MB): " + string.Join(", ", soak.Samples.Select(s => $"{s.At.TotalSeconds:F0}: {s.Bytes / 1e6:F0}")));
        md.AppendLine();
    }
}
