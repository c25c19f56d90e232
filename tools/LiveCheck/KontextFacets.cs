namespace ImageAdapter.LiveCheck;

/// <summary>The facts of a Kontext task: the poll statuses seen, the poll answer, and where the sample URL points.</summary>
internal static class KontextFacets
{
    /// <summary>The documented <c>get_result</c> statuses (contract §1.3), which the simulator speaks.</summary>
    private static readonly string[] Documented = ["Task not found", "Pending", "Request Moderated", "Content Moderated", "Ready", "Error"];

    /// <summary>Pass when every status Fireworks gave is a documented one and the task ended as on the simulator.</summary>
    public static Finding Statuses(ProbeOutcome fireworks, ProbeOutcome simulator)
    {
        var seen = fireworks.PollStatuses;
        if (seen.Count == 0)
        {
            return new Finding("poll statuses", Verdict.Unknown, "no poll made", Runs(simulator.PollStatuses));
        }

        var undocumented = seen.Where(status => !Documented.Contains(status, StringComparer.Ordinal)).Distinct().ToArray();
        var sameEnd = seen[^1] == simulator.PollStatuses.LastOrDefault();
        var note = undocumented.Length > 0 ? "not documented: " + string.Join(", ", undocumented)
            : sameEnd ? null : "the task ended otherwise";
        return new Finding("poll statuses", undocumented.Length == 0 && sameEnd ? Verdict.Pass : Verdict.Differs,
            Runs(seen), Runs(simulator.PollStatuses), note);
    }

    public static Finding PollShape(ProbeOutcome fireworks, ProbeOutcome simulator)
    {
        var finding = ExchangeFacets.Shape(fireworks.Polls.LastOrDefault(), simulator.Polls.LastOrDefault());
        return finding with { Facet = "last poll's body shape" };
    }

    /// <summary>Where the sample lives relative to the API's own origin: the simulator serves it from the API's origin.</summary>
    public static Finding SampleOrigin(ProbeOutcome fireworks, Uri fireworksApi, ProbeOutcome simulator, Uri simulatorApi)
    {
        if (fireworks.Sample is null || simulator.Sample is null)
        {
            return new Finding("sample URL scheme, host, port", Verdict.Unknown,
                fireworks.Sample?.Origin ?? "no sample URL", simulator.Sample?.Origin ?? "no sample URL");
        }

        var seen = Relation(fireworks.Sample.Url, fireworksApi);
        var expected = Relation(simulator.Sample.Url, simulatorApi);
        return new Finding("sample URL scheme, host, port", seen == expected ? Verdict.Pass : Verdict.Differs,
            $"{fireworks.Sample.Origin} ({seen})", $"{simulator.Sample.Origin} ({expected})",
            seen == expected ? null : $"the adapter downloads from it if it is https at public addresses; Fireworks__SampleHosts={fireworks.Sample.Url.Host} pins it");
    }

    public static Finding SampleDownload(ProbeOutcome fireworks, ProbeOutcome simulator) =>
        fireworks.Sample is null || simulator.Sample is null
            ? new Finding("sample download without key", Verdict.Unknown, fireworks.Sample?.ToString() ?? "no sample URL", simulator.Sample?.ToString() ?? "no sample URL")
            : new Finding("sample download without key", fireworks.Sample.Succeeded == simulator.Sample.Succeeded ? Verdict.Pass : Verdict.Differs,
                fireworks.Sample.ToString(), simulator.Sample.ToString());

    /// <summary>One run cannot see a URL expire: what it shows is the query's expiry parameters and the caching headers.</summary>
    public static Finding SampleLifetime(ProbeOutcome fireworks) =>
        new("sample URL lifetime", Verdict.Unknown,
            fireworks.Sample is { } sample
                ? $"query: {sample.QuerySummary}; Cache-Control: {sample.CacheControl ?? "none"}; Expires: {sample.Expires ?? "none"}"
                : "no sample URL",
            "valid while the simulator runs", "download at once; a later run with a stored URL would settle it");

    private static string Relation(Uri sample, Uri api) =>
        (string.Equals(sample.Host, api.Host, StringComparison.OrdinalIgnoreCase), sample.Port == api.Port, sample.Scheme == api.Scheme) switch
        {
            (true, true, true) => "the API's origin",
            (true, _, _) => "the API's host, another scheme or port",
            (false, _, true) => "another host, the API's scheme",
            _ => "another host and scheme",
        };

    /// <summary><c>Pending ×3 → Ready</c>.</summary>
    private static string Runs(IReadOnlyList<string> statuses)
    {
        if (statuses.Count == 0)
        {
            return "none";
        }

        var runs = new List<(string Status, int Count)>();
        foreach (var status in statuses)
        {
            if (runs.Count > 0 && runs[^1].Status == status)
            {
                runs[^1] = (status, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((status, 1));
            }
        }

        return string.Join(" → ", runs.Select(run => run.Count == 1 ? run.Status : $"{run.Status} ×{run.Count}"));
    }
}
