using ImageAdapter.Catalogue;
using ImageAdapter.GatewayManifests;

const string Usage = """
    Renders the Envoy AI Gateway manifests for the deployed adapter.

    usage: GatewayManifests (--fqdn <host> | --outputs <file|->) [--out <folder>]
                            [--gateway <name>] [--gateway-namespace <ns>] [--name <prefix>]

      --fqdn      the function app's defaultHostName (e.g. func-abc.azurewebsites.net)
      --outputs   `az deployment group show ... --query properties.outputs` JSON, or `azd env get-values`
                  output; '-' reads standard input
      --out       output folder (default ./gateway-out)
    """;

var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "-h" or "--help" || !args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine(Usage);
        return args[i] is "-h" or "--help" ? 0 : 2;
    }

    values[args[i]] = args[++i];
}

try
{
    string fqdn;
    if (values.TryGetValue("--fqdn", out var given))
    {
        fqdn = given;
    }
    else if (values.TryGetValue("--outputs", out var file))
    {
        fqdn = DeploymentOutputs.ReadFqdn(file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file));
    }
    else
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var options = new GatewayManifestOptions(fqdn, BuiltInModels.All)
    {
        GatewayNamespace = values.GetValueOrDefault("--gateway-namespace"),
    };
    if (values.TryGetValue("--gateway", out var gateway))
    {
        options = options with { GatewayName = gateway };
    }

    if (values.TryGetValue("--name", out var name))
    {
        options = options with { Name = name };
    }

    var outDir = values.GetValueOrDefault("--out") ?? "gateway-out";
    Directory.CreateDirectory(outDir);
    foreach (var manifest in GatewayManifestRenderer.Render(options))
    {
        var path = Path.Combine(outDir, manifest.FileName);
        File.WriteAllText(path, manifest.Content);
        Console.WriteLine(path);
    }

    return 0;
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
