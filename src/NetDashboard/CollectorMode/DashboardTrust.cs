using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NetDashboard.CollectorMode;

/// <summary>
/// How a collector checks the dashboard's TLS certificate: normally (the system's trust store), or, with
/// <c>NetDashboard:Collector:CaFile</c>, against that certificate authority only. The host name must match either way.
/// </summary>
public sealed class DashboardTrust
{
    private readonly X509Certificate2Collection? _authorities;

    private DashboardTrust(X509Certificate2Collection? authorities) => _authorities = authorities;

    public static DashboardTrust System { get; } = new(null);

    /// <summary>Trusts the certificate authorities of a PEM file.</summary>
    public static DashboardTrust FromCaFile(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"The CA file {path} holds no PEM certificate.");
        }
        return new DashboardTrust(authorities);
    }

    /// <summary>A validation callback for HttpClientHandler and ClientWebSocket; null: the platform's default.</summary>
    public RemoteCertificateValidationCallback? Callback => _authorities is null ? null : Validate;

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
