using System.Security.Cryptography.X509Certificates;

namespace ImageAdapter.Tests.KeyVault;

public sealed class TestCertificateTests
{
    [Fact]
    public void PemPath_UsedAsOnlyTrustAnchor_ValidatesServerCertificateFor127001()
    {
        using var certificate = TestCertificate.Create();
        using var anchor = X509Certificate2.CreateFromPem(File.ReadAllText(certificate.PemPath));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));

        Assert.True(chain.Build(certificate.Certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(certificate.Certificate.MatchesHostname("127.0.0.1"));
        Assert.True(certificate.Certificate.HasPrivateKey);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(certificate.PemPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_PemFileWritten_DeletesIt()
    {
        var certificate = TestCertificate.Create();
        var path = certificate.PemPath;

        certificate.Dispose();

        Assert.False(File.Exists(path));
    }
}
