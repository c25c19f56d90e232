using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ImageAdapter.Tests.Infrastructure;

[Collection(BicepCollection.Name)]
public sealed partial class BicepLintTests(BicepFixture bicep)
{
    [Fact]
    public void Lint_EveryBicepFile_NoDiagnostics()
    {
        Assert.NotEmpty(bicep.LintResults);
        Assert.Equal(BicepFixture.BicepFiles.Count(), bicep.LintResults.Count);
        foreach (var result in bicep.LintResults)
        {
            // lint exits 0 on warnings: any diagnostic line at all is a failure here.
            Assert.True(result.ExitCode == 0 && !Diagnostic().IsMatch(result.Output), $"bicep {result.Command}:\n{result.Output}");
        }
    }

    [Fact]
    public void Build_MainBicep_NoDiagnostics()
    {
        Assert.True(bicep.Build.ExitCode == 0 && !Diagnostic().IsMatch(bicep.Build.Output), bicep.Build.Output);
        Assert.NotNull(bicep.Template);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshot_MainBicep_PredictsResourcesWithoutDiagnostics(bool restricted)
    {
        var (snapshot, resources) = restricted ? (bicep.RestrictedSnapshot, bicep.RestrictedResources) : (bicep.Snapshot, bicep.Resources);
        Assert.True(snapshot.ExitCode == 0 && !Diagnostic().IsMatch(snapshot.Output), snapshot.Output);
        Assert.NotEmpty(resources);
    }

    [Fact]
    public void Bicepconfig_LinterRules_StrictLevels()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        string[] required =
        [
            "use-recent-api-versions", "no-hardcoded-env-urls", "outputs-should-not-contain-secrets",
            "use-secure-value-for-secure-inputs", "secure-secrets-in-params", "no-unused-params", "no-unused-vars",
        ];
        foreach (var rule in required)
        {
            Assert.Equal("error", (string?)rules[rule]?["level"]);
        }
    }

    [Fact]
    public void ParametersFile_OnlyDeclaredParameters_CoversRequiredOnes_NoLiterals()
    {
        Assert.NotNull(bicep.Template);
        var declared = bicep.Template["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject();

        foreach (var (name, value) in given)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
            // azd substitutes ${VAR}: nothing environment-specific, let alone a secret, is written in the file.
            Assert.Matches(@"^\$\{[A-Z_]+\}$", (string?)value!["value"] ?? string.Empty);
        }

        foreach (var (name, declaration) in declared)
        {
            if (declaration!["defaultValue"] is null)
            {
                Assert.True(given.ContainsKey(name), $"Required parameter '{name}' is missing from main.parameters.json.");
            }
        }
    }

    [GeneratedRegex(@"\(\d+,\d+\)\s*:\s*(Error|Warning|Info)", RegexOptions.IgnoreCase)]
    private static partial Regex Diagnostic();
}
