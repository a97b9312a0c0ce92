using System.Text.Json;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Engines;

/// <summary>
/// What Docker 28.5 (Debian sid, API 1.51) adds, for real, through the app's API: a routed network with a published
/// port, an IPv6-only network, a container on two networks with --gw-priority, loopback-only publishing, an isolated
/// network; the NAT paths compared with the nat table of that daemon's own network namespace.
/// </summary>
public class TodayEngineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Routed_IPv6_only_gw_priority_and_loopback_publishing_are_exact_on_Docker_28()
    {
        await using var engine = await EngineUnderTest.StartAsync("sid", "nd28", 51);
        await using var docker = new DockerCli(engine.Endpoint);
        await using var app = engine.Dashboard("d28");

        var routedId = await docker.CreateNetworkAsync("routed", "--subnet", "10.231.152.0/24", "-o", "com.docker.network.bridge.gateway_mode_ipv4=routed");
        var v6Id = await docker.CreateNetworkAsync("v6only", "--ipv4=false", "--ipv6", "--subnet", "fd00:231:153::/64");
        await docker.CreateNetworkAsync("plain", "--subnet", "10.231.154.0/24");
        await docker.CreateNetworkAsync("iso", "--internal", "--subnet", "10.231.155.0/24", "-o", "com.docker.network.bridge.gateway_mode_ipv4=isolated");
        var routedWeb = await docker.RunAsync("routedweb", "--network", docker.Name("routed"), "--ip", "10.231.152.10", "-p", "8080:80");
        var v6 = await docker.RunAsync("v6", "--network", docker.Name("v6only"));
        var gw = await docker.RunAsync("gw", "--network", $"name={docker.Name("plain")}", "--network", $"name={docker.Name("routed")},gw-priority=10");
        var lo = await docker.RunAsync("lo", "-p", "127.0.0.1:8082:80");
        var iso = await docker.RunAsync("iso", "--network", docker.Name("iso"));
        var hostMode = await docker.RunAsync("hostmode", "--network", "host");
        var tie = await docker.RunAsync("tie", "--network", $"name={docker.Name("plain")}", "--network", $"name={docker.Name("routed")}");
        string[] ids = [routedWeb, v6, gw, lo, iso, hostMode, tie];
        var topology = await app.WaitForAsync(t => ids.All(id => t.FindContainer(id)?.State == "running")
                                                   && t.FindContainer(gw)!.Endpoints.Length == 2 && t.FindContainer(gw)!.Endpoints.All(e => e.DefaultRoute is not null),
            TimeSpan.FromSeconds(60), "every container running on Docker 28.5");

        using var http = app.CreateClient();
        var json = await http.GetStringAsync("/api/topology");
        ContractSchema.AssertValid(json);
        var wire = JsonDocument.Parse(json).RootElement;
        Assert.Equal("iptables", wire.GetProperty("hosts")[0].GetProperty("firewallBackend").GetString());
        var routedNetwork = wire.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == routedId);
        Assert.Equal("routed", routedNetwork.GetProperty("gatewayMode").GetProperty("ipv4").GetString());
        Assert.True(routedNetwork.GetProperty("enableIPv4").GetBoolean());
        var v6Network = wire.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("id").GetString() == v6Id);
        Assert.False(v6Network.GetProperty("enableIPv4").GetBoolean());
        Assert.Equal("isolated", topology.FindNetwork(docker.Name("iso"))!.GatewayMode!.Ipv4);

        // Routed: the IPv4 binding has no host port and says routed (not exposed-only); the IPv6 one goes through docker-proxy.
        var routedPorts = wire.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == routedWeb).GetProperty("ports");
        var routedPort = routedPorts.EnumerateArray().Single(p => p.GetProperty("hostIp").GetString() == "0.0.0.0");
        Assert.Equal((JsonValueKind.Null, true, 80), (routedPort.GetProperty("hostPort").ValueKind, routedPort.GetProperty("routed").GetBoolean(), routedPort.GetProperty("containerPort").GetInt32()));

        // IPv6-only: no IPv4 address, an IPv6 one, its gateway carries the default route.
        var v6Endpoint = Assert.Single(topology.FindContainer(v6)!.Endpoints);
        Assert.Null(v6Endpoint.Ipv4);
        Assert.StartsWith("fd00:231:153::", v6Endpoint.Ipv6);
        Assert.True(v6Endpoint.DefaultRoute);

        // --gw-priority: the default route (seen in the container's routing table) is on the routed network.
        var gwEndpoints = topology.FindContainer(gw)!.Endpoints.ToDictionary(e => e.NetworkName);
        Assert.Equal((10, true), (gwEndpoints[docker.Name("routed")].GwPriority!.Value, gwEndpoints[docker.Name("routed")].DefaultRoute!.Value));
        Assert.Equal((0, false), (gwEndpoints[docker.Name("plain")].GwPriority!.Value, gwEndpoints[docker.Name("plain")].DefaultRoute!.Value));
        Assert.Contains(docker.Name("gw"), gwEndpoints[docker.Name("plain")].DnsNames!.Value);

        // Equal priorities: the daemon's own choice, read from the container's routing table, is the one `ip route` shows.
        var route = (await docker.DockerAsync("exec", tie, "ip", "-4", "route", "show", "default")).Trim();
        output.WriteLine($"tie: {route}");
        var tieEndpoints = (await app.WaitForAsync(t => t.FindContainer(tie)!.Endpoints.Any(e => e.DefaultRoute == true), TimeSpan.FromSeconds(10), "the tie's default route"))
            .FindContainer(tie)!.Endpoints;
        var chosen = Assert.Single(tieEndpoints, e => e.DefaultRoute == true);
        Assert.StartsWith($"default via {chosen.Gateway} dev {chosen.ContainerInterface}", route);

        // The NAT paths, compared with the nat table of the daemon's own network namespace.
        var routedNat = await NatAsync(http, routedWeb);
        output.WriteLine(routedNat.Note);
        Assert.Equal("compared", routedNat.Source);
        Assert.Contains("the network namespace of dockerd (pid", routedNat.Note);
        var routed = routedNat.Published.Single(p => p.Routed);
        Assert.Equal($"routed: no DNAT, reached at 10.231.152.10:80/tcp directly on br-{routedId[..12]} ({docker.Name("routed")})", routed.Summary);
        Assert.Equal(NatRuleMatch.Match, routed.Kernel); // and the kernel indeed holds no DNAT for it
        Assert.Empty(routedNat.Masquerade); // routed mode writes no MASQUERADE, and none is expected
        Assert.Equal(0, routedNat.Differences);
        Assert.Contains("no DNAT and no MASQUERADE", routedNat.Note);

        var loNat = await NatAsync(http, lo);
        var loPort = Assert.Single(loNat.Published);
        output.WriteLine(loPort.Summary);
        Assert.Equal(NatRuleMatch.Match, loPort.Kernel); // the rule exists only in the daemon's namespace: another table would say Missing
        Assert.Contains("loopback only", loPort.Summary);
        Assert.Equal(NatRuleMatch.Match, Assert.Single(loNat.Masquerade).Kernel);

        // Egress follows the default route; the isolated network is out of the host's reach.
        var egress = await ReachAsync(http, gw, lo);
        output.WriteLine(egress.GetProperty("egress").GetProperty("reason").GetString());
        Assert.Contains($"its default route is on {docker.Name("routed")} (gateway priority 10, the highest)", egress.GetProperty("egress").GetProperty("reason").GetString());
        Assert.Contains("without NAT", egress.GetProperty("egress").GetProperty("reason").GetString());
        var fromHost = await ReachAsync(http, hostMode, iso);
        Assert.False(fromHost.GetProperty("byIp").GetProperty("reachable").GetBoolean());
        Assert.False((await ReachAsync(http, iso, lo)).GetProperty("egress").GetProperty("reachable").GetBoolean());
    }

    private static async Task<NatPath> NatAsync(HttpClient http, string id) =>
        TopologyJson.Deserialize<NatPath>(await http.GetStringAsync($"/api/containers/{id}/nat"))!;

    private static async Task<JsonElement> ReachAsync(HttpClient http, string from, string to) =>
        JsonDocument.Parse(await http.GetStringAsync($"/api/reachability?from={from}&to={to}")).RootElement.Clone();
}
