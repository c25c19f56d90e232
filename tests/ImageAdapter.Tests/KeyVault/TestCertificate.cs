using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImageAdapter.Tests.KeyVault;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 / localhost, made at test time. <see cref="PemPath"/> is a PEM
/// file holding just the certificate: give it to a child process as <c>SSL_CERT_FILE</c> (.NET on Linux then trusts
/// it, and only it). In-process callers use <see cref="CreateTrustingHandler"/>.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string pemPath)
    {
        Certificate = certificate;
        PemPath = pemPath;
    }

    public X509Certificate2 Certificate { get; }

    public string PemPath { get; }

    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        var pemPath = Path.Combine(Path.GetTempPath(), $"imageadapter-fake-vault-{Guid.NewGuid():N}.pem");
        File.WriteAllText(pemPath, certificate.ExportCertificatePem());
        return new TestCertificate(certificate, pemPath);
    }

    /// <summary>A handler that accepts this certificate (and nothing else that fails normal validation).</summary>
    public HttpMessageHandler CreateTrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None
                || (presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString()),
        },
    };

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            File.Delete(PemPath);
        }
        catch (IOException)
        {
            // A child process may still hold it; the temp directory is cleaned eventually.
        }
    }
}
