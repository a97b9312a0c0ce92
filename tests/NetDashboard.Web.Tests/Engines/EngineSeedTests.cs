using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Engines;

/// <summary>
/// Every seed scenario on each newer engine, created for real on a test-owned daemon and read by the real app:
/// /api/topology validates against the contract's schema and every endpoint is what the daemon's inspect says.
/// The machine's 20.10 is covered by <see cref="SeedScenarioTests"/>.
/// </summary>
public class EngineSeedTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("trixie", "ndtrixie", 57, "1.45")]
    [InlineData("sid", "ndsid", 56, "1.51")]
    [InlineData("podman", "ndpod", 61, "1.41")]
    [InlineData("podman5", "ndpod5", 62, "1.44")]
    public async Task Every_seed_scenario_is_exact_and_schema_valid(string kind, string name, int third, string api)
    {
        await using var engine = await EngineUnderTest.StartAsync(kind, name, third);
        await using var docker = new DockerCli(engine.Endpoint);
        await using var app = engine.Dashboard(kind);

        await SeedScenario.CreateAsync(docker, $"10.231.{third + 100}.0/24", gateway: null);
        await SeedScenario.WaitForAsync(app, docker, TimeSpan.FromSeconds(60));
        string[] all = SeedScenario.Containers;

        using var http = app.CreateClient();
        var json = await http.GetStringAsync("/api/topology");
        ContractSchema.AssertValid(json);
        var document = TopologyJson.Deserialize<TopologySnapshot>(json)!;
        var host = Assert.Single(document.Hosts);
        Assert.Equal((HostStatus.Connected, api), (host.Status, host.ApiVersion!));
        Assert.Equal(engine.IsPodman ? "podman" : "docker", host.Product);
        output.WriteLine($"{kind}: {host.EngineVersion}, API {host.ApiVersion}, firewall backend {host.FirewallBackend ?? "not reported"}");
        foreach (var gap in host.NotReported)
        {
            output.WriteLine("  not reported: " + gap);
        }

        // Every endpoint of every container, field by field, against the daemon's own inspect.
        foreach (var shortName in all)
        {
            var container = document.FindContainer(docker.Name(shortName))!;
            var inspect = await docker.InspectAsync(container.Id);
            Assert.Equal(inspect.GetProperty("HostConfig").GetProperty("NetworkMode").GetString(), container.NetworkMode.Raw);
            var networks = inspect.GetProperty("NetworkSettings").GetProperty("Networks");
            foreach (var endpoint in container.Endpoints)
            {
                // Podman 5 puts host- and none-mode endpoints on "host"/"none", networks it does not list.
                var networkName = document.FindNetwork(endpoint.NetworkId)?.Name ?? endpoint.NetworkName;
                var e = networks.EnumerateObject().Single(p => networkName == p.Name
                                                                || (engine.IsPodman && p.Name == "podman" && endpoint.NetworkName == "bridge")).Value;
                Assert.Equal(NullIfEmpty(e.GetProperty("IPAddress").GetString()), endpoint.Ipv4);
                Assert.Equal(NullIfEmpty(e.GetProperty("MacAddress").GetString()), endpoint.Mac);
                Assert.Equal(NullIfEmpty(e.GetProperty("Gateway").GetString()), endpoint.Gateway);
                Assert.Null(endpoint.HostInterface); // the daemon's veths live in its own namespace
            }
        }
        var web = document.FindContainer(docker.Name("web"))!;
        Assert.Contains(web.Ports, p => p is { ContainerPort: 8080, HostPort: > 0, Routed: false });
        Assert.Equal((NetworkModeKind.Container, web.Id), (document.FindContainer(docker.Name("sharer"))!.NetworkMode.Kind, document.FindContainer(docker.Name("sharer"))!.NetworkMode.SharesWith!));
        Assert.Empty(document.FindContainer(docker.Name("sharer"))!.Endpoints);
        Assert.Equal(NetworkModeKind.Host, document.FindContainer(docker.Name("hostmode"))!.NetworkMode.Kind);
        Assert.Equal(NetworkModeKind.None, document.FindContainer(docker.Name("none"))!.NetworkMode.Kind);
        Assert.True(document.FindNetwork(docker.Name("internal"))!.Internal);
        var db = Assert.Single(document.FindContainer(docker.Name("db"))!.Endpoints);
        Assert.Contains("database", db.Aliases);
        var multi = document.FindContainer(docker.Name("multi"))!.Endpoints;
        Assert.Equal([docker.Name("app"), docker.Name("internal")], multi.Select(e => e.NetworkName).ToArray());
        Assert.Equal([true, false], multi.Select(e => e.DefaultRoute!.Value).ToArray()); // the internal network has no way out

        if (engine.IsPodman)
        {
            // What Podman does not report is said, not guessed.
            Assert.All(document.Networks, n => Assert.Null(n.Bridge));
            Assert.Contains(host.NotReported, s => s.Contains("bridge", StringComparison.Ordinal));
            Assert.Null(db.DnsNames);
            Assert.Null(host.FirewallBackend);
        }
        else
        {
            Assert.Equal(WarningCodes.PortsDiscardedHostMode, Assert.Single(document.FindContainer(docker.Name("hostmode"))!.Warnings).Code);
            Assert.Equal("br-" + document.FindNetwork(docker.Name("app"))!.Id[..12], document.FindNetwork(docker.Name("app"))!.Bridge);
            Assert.Contains(docker.Name("db"), db.DnsNames!.Value);
            Assert.Equal(0, db.GwPriority ?? 0);
        }
        if (kind == "sid")
        {
            Assert.Equal("iptables", host.FirewallBackend);
            Assert.All(document.Networks.Where(n => n.Driver == "bridge"), n => Assert.Equal("nat", n.GatewayMode!.Ipv4));
        }

        // The NAT path of the published container: derived or compared, but always in words, never another namespace's table.
        var nat = JsonDocument.Parse(await http.GetStringAsync($"/api/containers/{web.Id}/nat")).RootElement;
        output.WriteLine("NAT: " + nat.GetProperty("note").GetString());
        if (!engine.IsPodman)
        {
            Assert.Equal("compared", nat.GetProperty("source").GetString());
            Assert.Equal(0, nat.GetProperty("differences").GetInt32());
            Assert.Contains("the network namespace of dockerd (pid", nat.GetProperty("note").GetString());
        }
        else
        {
            Assert.Equal("derived", nat.GetProperty("source").GetString());
            Assert.Contains("Podman", nat.GetProperty("note").GetString());
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
