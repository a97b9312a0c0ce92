using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Security;

/// <summary>
/// The app's log while it watches a container and network whose name, labels, aliases and options carry a forged log
/// line (newline, carriage return, a fake <c>info:</c> entry, an ANSI escape, bidi override): every entry is captured by a
/// test logger provider, and none carries the hostile text or a raw line break that would start a forged entry.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class HostileLogTests
{
    private const string Forged = "FORGED-ENTRY";
    private static readonly string Hostile = $"x\ninfo: NetDashboard.Fake[0]\n      {Forged}\r\u001B[2K\u202E<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_hostile_container_and_network_inject_no_line_into_the_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("<b>net</b>", "--label", "evil=" + Hostile, "-o", "com.example.evil=" + Hostile);
        await docker.RunAsync("hostile", "--network", docker.Name("<b>net</b>"), "--network-alias", "alias" + Hostile.Replace('\n', ' '),
            "--label", "evil=" + Hostile, "--label", "k<img/onerror=alert(1)>\u202E=1");
        await using var app = new DashboardFactory
        {
            TestServices = s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)),
        };
        using var client = app.CreateClient();
        var name = docker.Name("hostile");
        await app.WaitForAsync(t => t.FindContainer(name)?.Labels.GetValueOrDefault("evil") == Hostile, TimeSpan.FromSeconds(30), "the hostile container seen");
        // Pages and the API render it too (their logging included).
        foreach (var path in new[] { "/", "/containers", "/containers/" + name, "/api/topology", "/api/topology/export?format=dot" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        }

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Forged, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains('\r') || e.Message.Contains('\u001B') || e.Message.Contains('\u202E'));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("info: NetDashboard.Fake", StringComparison.Ordinal));
    }
}
