extern alias BenchTool;

using BenchTool::ImageAdapter.Bench;

namespace ImageAdapter.Tests.Bench;

/// <summary><c>perfdiff</c>'s reading of <c>perf report --sort dso,sym -n --stdio</c>: which group each sample is charged to.</summary>
public sealed class PerfReportTests
{
    private static readonly string[] Report =
    [
        "# Samples: 5K of event 'cpu-clock:ppp'",
        "#",
        "    14.32%           790  [JIT] tid 30508                                    [.] instance void [ImageAdapter] ImageAdapter.Http.ImagesResponseResult+<WriteBase64Async>d__8::MoveNext()[OptimizedTier1]",
        "     0.10%             6  [JIT] tid 30611                                    [.] instance void [ImageAdapter] ImageAdapter.Http.ImagesResponseResult+<WriteBase64Async>d__8::MoveNext()[Tier0]",
        "    12.45%           687  [kernel.kallsyms]                                  [k] _copy_to_iter",
        "     0.09%             5  [JIT] tid 30508                                    [.] valuetype [System.Runtime]System.Threading.Tasks.ValueTask`1<valuetype Polly.Outcome`1<!!0>> [Polly.Core] Polly.Utils.StrategyHelper::ExecuteCallbackSafeAsync(class [System.Runtime]System.Func`3<!!0>)[OptimizedTier1]",
        "     0.04%             2  [JIT] tid 30508                                    [.] void [System.Private.CoreLib] System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1[System.Threading.Tasks.VoidTaskResult]::AwaitUnsafeOnCompleted(!!0&)[OptimizedTier1]",
        "     0.18%            10  [JIT] tid 30508                                    [.] stub ReportStubBlock<VSD_ResolveStub>",
        "     0.34%            19  libcoreclr.so                                      [.] 0x00000000002e50f1",
        "     0.33%            18  libcoreclr.so                                      [.] 0x00000000005fb897",
        "     0.40%            22  memfd:doublemapper (deleted)                       [.] 0x00007f5e4505f7a9",
    ];

    [Fact]
    public void Parse_ChargesJittedCodeToItsDeclaringAssembly_NotToATypeInItsSignature()
    {
        var groups = PerfReport.Parse(Report).ByGroup();

        Assert.Equal(796, groups["ImageAdapter"]);
        Assert.Equal(5, groups["Polly.Core"]);
        Assert.Equal(2, groups["System.Private.CoreLib"]);
        Assert.DoesNotContain("System.Runtime", groups.Keys);
        Assert.DoesNotContain("System.Threading.Tasks.VoidTaskResult", groups.Keys);
    }

    [Fact]
    public void Parse_KernelStubsAndLibraries_HaveGroupsOfTheirOwn()
    {
        var report = PerfReport.Parse(Report);
        var groups = report.ByGroup();

        Assert.Equal(687, groups[PerfReport.Kernel]);
        Assert.Equal(10, groups[PerfReport.Stubs]);
        Assert.Equal(37, groups["libcoreclr.so"]);
        Assert.Equal(22, groups["memfd:doublemapper (deleted)"]);
        Assert.Equal(1559, report.Total);
    }

    [Fact]
    public void Parse_OneMethodAtTwoTiers_IsOneSymbol_AndUnnamedAddressesOfALibraryAreOne()
    {
        var samples = PerfReport.Parse(Report).Samples;

        Assert.Equal(796, samples[new PerfSymbol("ImageAdapter", "instance void [ImageAdapter] ImageAdapter.Http.ImagesResponseResult+<WriteBase64Async>d__8::MoveNext()")]);
        Assert.Equal(37, samples[new PerfSymbol("libcoreclr.so", "(no symbols)")]);
    }

    [Fact]
    public void Sum_AddsTheWindowsOfOneTarget()
    {
        var one = PerfReport.Parse(Report);

        var both = PerfReport.Sum([one, one]);

        Assert.Equal(2 * one.Total, both.Total);
        Assert.Equal(2 * 687, both.ByGroup()[PerfReport.Kernel]);
    }
}
