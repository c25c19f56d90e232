namespace ImageAdapter.LiveCheck;

/// <summary>Which facts each kind of probe reports, compared between Fireworks and the simulator.</summary>
internal static class ProbeFindings
{
    public static IReadOnlyList<Finding> For(Probe probe, ProbeOutcome fireworks, Uri fireworksApi, ProbeOutcome simulator, Uri simulatorApi)
    {
        var (main, reference) = (fireworks.Main, simulator.Main);
        IReadOnlyList<Finding> findings = probe.Kind switch
        {
            ProbeKind.Generation =>
            [
                ExchangeFacets.Accepted(main, reference), ExchangeFacets.Status(main, reference), ExchangeFacets.ContentType(main, reference),
                ExchangeFacets.Headers(main, reference), ExchangeFacets.Shape(main, reference),
                ExchangeFacets.ImageSize("pixel size", ExchangeFacets.SizeOf(main), ExchangeFacets.SizeOf(reference)),
            ],
            ProbeKind.Size =>
            [
                ExchangeFacets.Status(main, reference),
                ExchangeFacets.ImageSize("pixel size", ExchangeFacets.SizeOf(main), ExchangeFacets.SizeOf(reference)),
            ],
            ProbeKind.ContentFilter => [ExchangeFacets.Accepted(main, reference), .. FilterFacets.For(fireworks, simulator)],
            ProbeKind.Kontext =>
            [
                ExchangeFacets.Accepted(main, reference), ExchangeFacets.Status(main, reference), ExchangeFacets.Shape(main, reference) with { Facet = "submit body shape" },
                KontextFacets.Statuses(fireworks, simulator), KontextFacets.PollShape(fireworks, simulator),
                KontextFacets.SampleOrigin(fireworks, fireworksApi, simulator, simulatorApi), KontextFacets.SampleDownload(fireworks, simulator),
                KontextFacets.SampleLifetime(fireworks),
                ExchangeFacets.ImageSize("pixel size", fireworks.Sample?.ImageSize, simulator.Sample?.ImageSize),
            ],
            _ =>
            [
                ExchangeFacets.Status(main, reference), ExchangeFacets.ContentType(main, reference),
                ExchangeFacets.Shape(main, reference) with { Facet = "error body shape" },
            ],
        };

        // The content filter probe reports the adapter's answer itself: unflagged, it settles nothing.
        return probe.AdapterBody is not null && probe.Kind != ProbeKind.ContentFilter
            ? [.. findings, ExchangeFacets.Adapter(fireworks.Adapter, simulator.Adapter)]
            : findings;
    }
}
