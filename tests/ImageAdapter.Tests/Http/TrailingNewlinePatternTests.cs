using ImageAdapter.Http;
using ImageAdapter.Secrets;
using ImageAdapter.Validation;

namespace ImageAdapter.Tests.Http;

/// <summary>
/// Regression: the whole-value patterns ended in <c>$</c>, which in .NET also matches before a final <c>\n</c>, so a
/// value with a trailing newline passed. They end in <c>\z</c> now.
/// </summary>
public sealed class TrailingNewlinePatternTests
{
    [Theory]
    [InlineData("gw-1234.abc:def_9")]
    [InlineData("a")]
    public void RequestId_PlainToken_Kept(string incoming) => Assert.Equal(incoming, RequestId.From(incoming));

    [Theory]
    [InlineData("gw-1234\n")]
    [InlineData("gw-1234\r\n")]
    [InlineData("")]
    public void RequestId_NotAPlainToken_Replaced(string incoming)
    {
        var id = RequestId.From(incoming);

        Assert.NotEqual(incoming, id);
        Assert.StartsWith("req_", id, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSize_TrailingNewline_NotASize()
    {
        Assert.Equal(new ImageSize(1024, 1024), SizeRules.ParseSize("1024x1024"));
        Assert.Null(SizeRules.ParseSize("1024x1024\n"));
    }

    [Theory]
    [InlineData("fireworks-api-key\n", "KeyVault:FireworksApiKeySecret")]
    [InlineData("fireworks-api-key", null)]
    public void KeyVaultSecretName_TrailingNewline_Refused(string secret, string? failure)
    {
        var result = new KeyVaultOptionsValidator().Validate(null, new KeyVaultOptions
        {
            Uri = new Uri("https://vault.vault.azure.net/"),
            FireworksApiKeySecret = secret,
        });

        Assert.Equal(failure is null, result.Succeeded);
        if (failure is not null)
        {
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
