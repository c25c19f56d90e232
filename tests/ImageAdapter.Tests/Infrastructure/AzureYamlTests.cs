using System.Text.Json.Nodes;

namespace ImageAdapter.Tests.Infrastructure;

public sealed class AzureYamlTests
{
    [Fact]
    public void AzureYaml_DeploysFunctionsProject_WithBicepInfra()
    {
        var doc = Assert.Single(YamlJson.LoadFile(Path.Combine(RepoPaths.Root, "azure.yaml")));
        var service = Assert.Single(doc["services"]!.AsObject());
        Assert.Equal("api", service.Key); // matches the azd-service-name tag in infra/main.bicep
        Assert.Equal("function", (string?)service.Value!["host"]);
        Assert.Equal("dotnet", (string?)service.Value["language"]);
        Assert.Equal("./src/ImageAdapter.Functions", (string?)service.Value["project"]);
        Assert.Equal("infra", (string?)doc["infra"]!["path"]);
        Assert.Contains("'azd-service-name': 'api'", File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicep")), StringComparison.Ordinal);
    }
}
