using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>Formatting shared by the report's sections.</summary>
internal static class ReportFormat
{
    public static string Mb(long bytes) => (bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>PASS, FAIL, or (null) PASS for a soak shorter than the 5 minutes its target asks for.</summary>
    public static string Verdict(bool? passed) => passed switch { true => "PASS", false => "FAIL", null => "PASS (shorter than 5 min)" };

    /// <summary>The peak of the sum, then each process's own peak when there are several: <c>412 (YARP 110 + server 305)</c>.</summary>
    public static string WorkingSet(CellResult cell) =>
        cell.ProcessPeaks.Count < 2
            ? Mb(cell.PeakWorkingSet)
            : $"{Mb(cell.PeakWorkingSet)} ({string.Join(" + ", cell.ProcessPeaks.Select(p => $"{p.Role} {Mb(p.Bytes)}"))})";

    /// <summary>Bytes per request, then each process's share when there are several.</summary>
    public static string Allocated(AllocationResult a) =>
        a.Processes.Count < 2
            ? $"{a.BytesPerRequest:N0}"
            : $"{a.BytesPerRequest:N0} ({string.Join(" + ", a.Processes.Select(p => $"{p.Role} {p.BytesPerRequest:N0}"))})";

    /// <summary>Every workload with every concurrency, in the order they ran.</summary>
    public static IEnumerable<(Workload Workload, int Clients)> Rows(BenchResults r) =>
        from w in Workload.All from c in r.Options.Clients select (w, c);
}
