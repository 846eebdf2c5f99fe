using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CareBot.Testing.Auth;

/// <summary>Creates a throw-away TLS server certificate for 127.0.0.1 and localhost, valid one day around now.</summary>
public static class SelfSignedCertificate
{
    /// <summary>A new self-signed certificate with its private key, usable by Kestrel.</summary>
    public static X509Certificate2 CreateForLoopback()
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>An HTTP handler that trusts exactly <paramref name="certificate"/> (and nothing else beyond the system's roots).</summary>
    public static HttpClientHandler TrustingHandler(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        byte[] expected = certificate.RawData;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (presented is not null && presented.RawData.AsSpan().SequenceEqual(expected)),
        };
    }
}
