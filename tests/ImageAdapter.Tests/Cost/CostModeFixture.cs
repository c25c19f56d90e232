using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Cost;

/// <summary>
/// The standalone server in <c>Usage__Mode=cost</c>, with a negotiated price for FLUX dev and an extra row without a
/// price (the simulator serves its model name on any account).
/// </summary>
public sealed class CostModeFixture() : AdapterFixture<OnServer>(Settings)
{
    public const string UnpricedModel = "accounts/acme/models/flux-1-schnell-fp8";

    internal static Dictionary<string, string?> Settings => new()
    {
        ["Usage:Mode"] = "cost",
        ["Models:Prices:flux-1-dev-fp8:UsdPerStep"] = "0.0004",
        ["Models:Additional:0:Id"] = UnpricedModel,
        ["Models:Additional:0:Family"] = "FluxWorkflow",
    };
}

/// <summary>The same settings on either host, for what a client sees of the cost.</summary>
public sealed class CostModeFixture<THost>() : AdapterFixture<THost>(CostModeFixture.Settings)
    where THost : IHostKind;
