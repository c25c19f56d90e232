using System.Text.Json.Nodes;

namespace ImageAdapter.Tests.EditsEndToEnd;

/// <summary>What the script printed: <c>{"result": ImagesResponse}</c> (exit 0) or <c>{"error": {"status", "body"}}</c> (exit 1).</summary>
internal sealed record NodeAnswer(int ExitCode, JsonObject Printed)
{
    /// <summary>The ImagesResponse as JSON text; fails the test with the printed error when the call failed.</summary>
    public string Result =>
        ExitCode == 0 && Printed["result"] is { } result ? result.ToJsonString() : throw new Xunit.Sdk.XunitException($"The SDK call failed: {Printed.ToJsonString()}");
}
