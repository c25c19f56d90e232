using Azure.Identity;
using ImageAdapter.Telemetry;

namespace ImageAdapter.Tests.Telemetry;

/// <summary>
/// Regression: the Azure Monitor exporters sent with the connection string alone, which an Application Insights
/// resource with local authentication off (as the Bicep deploys it) refuses.
/// </summary>
public sealed class ApplicationInsightsAuthenticationTests
{
    [Theory]
    [InlineData("Authorization=AAD;ClientId=00000000-1111-2222-3333-444444444444")]
    [InlineData(" authorization = aad ; clientid = 00000000-1111-2222-3333-444444444444 ")]
    public void Identity_AadWithClientId_TheUserAssignedIdentity(string setting)
    {
        Assert.Equal(ManagedIdentityId.FromUserAssignedClientId("00000000-1111-2222-3333-444444444444").ToString(),
            ApplicationInsightsAuthentication.Identity(setting)?.ToString());
    }

    [Fact]
    public void Identity_AadAlone_TheSystemAssignedIdentity()
    {
        // ManagedIdentityId says which identity it is in its text; the comparisons here rely on it.
        Assert.NotEqual(ManagedIdentityId.SystemAssigned.ToString(), ManagedIdentityId.FromUserAssignedClientId("abc").ToString());
        Assert.Equal(ManagedIdentityId.SystemAssigned.ToString(), ApplicationInsightsAuthentication.Identity("Authorization=AAD")?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-1111-2222-3333-444444444444")]
    [InlineData("Authorization=Key")]
    public void Credential_NoEntraAuthentication_None(string? setting)
    {
        Assert.Null(ApplicationInsightsAuthentication.Credential(setting));
    }

    [Fact]
    public void Credential_Aad_AManagedIdentityCredential()
    {
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsAuthentication.Credential("Authorization=AAD;ClientId=abc"));
    }
}
