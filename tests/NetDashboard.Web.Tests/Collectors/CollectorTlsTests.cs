using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// TLS between collector and dashboard, with the operator's own certificate authority: the dashboard serves a
/// certificate that CA signed (Kestrel's own HTTPS), a collector given the CA's PEM (<c>CaFile</c>) connects, and one
/// that trusts only the system's store refuses the dashboard with a sentence and never sends its token in clear.
/// </summary>
public sealed class CollectorTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nd-tls-").FullName;

    [Fact]
    public async Task A_collector_trusting_the_given_CA_connects_over_TLS_and_one_without_it_refuses_the_dashboard_with_a_sentence()
    {
        var (ca, server) = Certificates();
        var caFile = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
        await using var app = new CollectorTestApp(["t1", "t2"], IPAddress.Loopback, new Dictionary<string, string?> { ["NetDashboard:History:Enabled"] = "false" },
            listen => listen.UseHttps(server));
        Assert.Equal("https", app.BaseAddress.Scheme);

        var trusting = app.CollectorSettings("t1");
        trusting["NetDashboard:Collector:CaFile"] = caFile;
        await using var good = CollectorProcess.Start(trusting, extraArgs: "--demo");
        await using var untrusting = CollectorProcess.Start(app.CollectorSettings("t2"), extraArgs: "--demo");

        await app.App.WaitForAsync(t => t.Hosts.Single(h => h.Id == "t1").Status == HostStatus.Connected && t.Containers.Any(c => c.HostId == "t1"),
            TimeSpan.FromSeconds(60), "t1 connected over TLS");
        await Eventually.WaitUntilAsync(() => untrusting.Output.Any(l => l.Contains("does not trust", StringComparison.Ordinal)), "the untrusting collector's sentence",
            TimeSpan.FromSeconds(60), untrusting.Describe);
        Assert.Equal($"The dashboard at {app.BaseAddress} presented a TLS certificate this collector does not trust (check NetDashboard:Collector:CaFile and the name in the certificate); retrying.",
            untrusting.Output.First(l => l.Contains("does not trust", StringComparison.Ordinal)).Trim());
        Assert.Equal("No collector connected yet.", app.App.Store.Current.Hosts.Single(h => h.Id == "t2").Error);
    }

    /// <summary>A CA, and a server certificate for 127.0.0.1 it signed.</summary>
    private static (X509Certificate2 Ca, X509Certificate2 Server) Certificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=NetDashboard test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        var server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
        return (ca, server);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
