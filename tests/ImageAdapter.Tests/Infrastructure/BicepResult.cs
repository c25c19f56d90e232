namespace ImageAdapter.Tests.Infrastructure;

/// <summary>One Bicep CLI call: its arguments, exit code and output.</summary>
public sealed record BicepResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}
