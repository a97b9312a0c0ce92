using System.Text.Json;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// Engine 29 (API 1.52) on its recorded answers (Recordings/api-1.52, derived by derive-1.52.py from the real Docker
/// 28.5 recording as moby's v1.52 spec says): the legacy top-level NetworkSettings addresses are gone, and
/// <c>GET /networks/{id}</c> carries each subnet's address use.
/// </summary>
public class Engine29RecordingTests
{
    private static async Task<(DaemonObservation Observation, RecordedDaemon Daemon, long NetworkInspects)> ObserveAsync(
        string recording, Action<RecordedDaemon>? setup = null)
    {
        await using var daemon = await RecordedDaemon.StartAsync(recording);
        setup?.Invoke(daemon);
        var observer = ObserverHarness.Create(daemon.Endpoint);
        var observation = await ObserverHarness.FirstAsync(observer);
        return (observation, daemon, observer.Calls["inspect-network"]);
    }

    private static TopologySnapshot Build(DaemonObservation o) => TopologyBuilder.Build([o], 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Without_the_legacy_top_level_addresses_every_endpoint_is_what_Docker_28_5_reported()
    {
        // The recording really lacks them (the spec's NetworkSettings: SandboxID, SandboxKey, Ports, Networks).
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Recordings", "api-1.52"), "inspect-*.json"))
        {
            using var inspect = JsonDocument.Parse(File.ReadAllText(file));
            var names = inspect.RootElement.GetProperty("NetworkSettings").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
            Assert.Equal(["Networks", "Ports", "SandboxID", "SandboxKey"], names.ToArray());
        }

        var (engine29, _, _) = await ObserveAsync("api-1.52");
        var (engine28, _, _) = await ObserveAsync("api-1.51");
        var now = Build(engine29);
        var before = Build(engine28);
        Assert.Equal(before.Containers.Length, now.Containers.Length);
        foreach (var container in before.Containers)
        {
            var same = now.FindContainer(container.Id)!;
            // As the API writes them (records holding arrays compare those by reference).
            Assert.Equal(TopologyJson.Serialize(container.Endpoints), TopologyJson.Serialize(same.Endpoints));
            Assert.Equal(TopologyJson.Serialize(container.Ports), TopologyJson.Serialize(same.Ports));
        }
        var web = Assert.Single(now.FindContainer("rec-web")!.Endpoints);
        Assert.Equal(("10.231.51.2", 24, "10.231.51.1"), (web.Ipv4!, web.Ipv4PrefixLength!.Value, web.Gateway!));
        Assert.Equal("fd00:231:53::2", Assert.Single(now.FindContainer("rec-v6")!.Endpoints).Ipv6);
        Assert.Equal(2, now.FindContainer("rec-multi")!.Endpoints.Count(e => e.Ipv4 is not null));
    }

    [Fact]
    public async Task Each_subnet_carries_the_daemons_address_use_read_with_one_inspect_per_network_that_has_a_subnet()
    {
        var (observation, daemon, inspects) = await ObserveAsync("api-1.52");
        var model = Build(observation);

        // bridge 10.231.51.0/24: network, broadcast, gateway and two running containers.
        var bridge = Assert.Single(model.FindNetwork("bridge")!.Subnets);
        Assert.Equal((5UL, 251UL), (bridge.IpsInUse!.Value, bridge.DynamicIpsAvailable!.Value));
        var app = Assert.Single(model.FindNetwork("rec-app")!.Subnets);
        Assert.Equal((6UL, 65530UL), (app.IpsInUse!.Value, app.DynamicIpsAvailable!.Value));
        // An IPv6 /64: counts beyond 2^63 arrive whole.
        var v6 = Assert.Single(model.FindNetwork("rec-v6only")!.Subnets);
        Assert.Equal((3UL, 18446744073709551613UL), (v6.IpsInUse!.Value, v6.DynamicIpsAvailable!.Value));

        // host and none have no subnet: not inspected. The six others once each, at the negotiated version.
        var withSubnets = model.Networks.Where(n => n.Subnets.Length > 0).ToList();
        Assert.Equal(6, withSubnets.Count);
        Assert.Equal(6, inspects);
        Assert.All(withSubnets, n => Assert.Contains($"/v1.52/networks/{n.Id}", daemon.Requests));
        Assert.DoesNotContain($"/v1.52/networks/{model.FindNetwork("host")!.Id}", daemon.Requests);

        // The JSON names of the contract's style.
        var json = TopologyJson.Serialize(model);
        Assert.Contains("\"ipsInUse\":5,\"dynamicIpsAvailable\":251", json);
        Assert.Contains("\"dynamicIpsAvailable\":18446744073709551613", json);
    }

    [Fact]
    public async Task Below_API_1_52_no_network_is_inspected_and_the_use_is_not_reported()
    {
        var (observation, daemon, inspects) = await ObserveAsync("api-1.51");
        Assert.Equal(0, inspects);
        Assert.DoesNotContain(daemon.Requests, r => r.Contains("/networks/", StringComparison.Ordinal));
        Assert.All(Build(observation).Networks.SelectMany(n => n.Subnets), s => Assert.Equal(((ulong?)null, (ulong?)null), (s.IpsInUse, s.DynamicIpsAvailable)));
    }

    [Fact]
    public async Task A_network_gone_before_its_inspect_and_a_subnet_spelled_differently_are_both_handled()
    {
        const string RoutedId = "45927829b0d0";
        var (observation, _, _) = await ObserveAsync("api-1.52", daemon =>
        {
            // rec-routed is removed between the list and its inspect (404); the list spells rec-v6only's subnet with
            // zeros the daemon's Status key (its canonical prefix) does not have.
            var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", "api-1.52", "network-rec-routed.json")))
                .RootElement.GetProperty("Id").GetString()!;
            Assert.StartsWith(RoutedId, full);
            daemon.Missing[$"/networks/{full}"] = true;
            daemon.Rewrite = (route, body) => route == "/networks" ? body.Replace("\"fd00:231:53::/64\"", "\"fd00:0231:0053:0000::/64\"") : body;
        });
        var model = Build(observation);
        Assert.True(observation.Host.Connected);
        var routed = Assert.Single(model.FindNetwork("rec-routed")!.Subnets);
        Assert.Null(routed.IpsInUse);
        var v6 = Assert.Single(model.FindNetwork("rec-v6only")!.Subnets);
        Assert.Equal(("fd00:0231:0053:0000::/64", 3UL), (v6.Subnet, v6.IpsInUse!.Value));
        Assert.Equal(5UL, model.FindNetwork("bridge")!.Subnets[0].IpsInUse);
    }
}
