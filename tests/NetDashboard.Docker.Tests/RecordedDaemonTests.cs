using System.Collections.Immutable;
using System.Text.Json;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Tests;

/// <summary>The adapter and the builder on answers recorded from the real Docker 20.10 here (API 1.41), and on a newer engine's shape.</summary>
public class RecordedDaemonTests
{
    private static async Task<(DaemonObservation Observation, RecordedDaemon Daemon)> ObserveAsync(string recording)
    {
        var daemon = await RecordedDaemon.StartAsync(recording);
        var observer = ObserverHarness.Create(daemon.Endpoint);
        var observation = await ObserverHarness.FirstAsync(observer);
        await daemon.DisposeAsync();
        return (observation, daemon);
    }

    private static TopologySnapshot Build(DaemonObservation o) => TopologyBuilder.Build([o], 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Every_seed_scenario_of_the_recording_is_modelled()
    {
        var (observation, _) = await ObserveAsync("api-1.41");
        Assert.True(observation.Host.Connected);
        Assert.Equal("1.41", observation.Host.ApiVersion);
        Assert.Equal("20.10.24+dfsg1", observation.Host.EngineVersion);
        var model = Build(observation);

        var bridge = model.FindNetwork("bridge")!;
        Assert.Equal("docker0", bridge.Bridge);
        var bridgeSubnet = Assert.Single(bridge.Subnets);
        Assert.Equal(("172.17.0.0/16", "172.17.0.1", true), (bridgeSubnet.Subnet, bridgeSubnet.Gateway!, bridgeSubnet.GatewayDerived));
        Assert.False(bridge.Dns);

        var app = model.FindNetwork("rec-app")!;
        Assert.Equal(("br-988df8fe1ba1", "172.28.0.1", true, true), (app.Bridge!, app.Subnets[0].Gateway!, app.Dns, app.Icc));
        var noIcc = model.FindNetwork("rec-noicc")!;
        Assert.Equal(("ndrec0", false, "172.29.5.1"), (noIcc.Bridge!, noIcc.Icc, noIcc.Subnets[0].Gateway!));
        Assert.True(model.FindNetwork("rec-internal")!.Internal);
        Assert.Equal("null", model.FindNetwork("none")!.Driver);

        var web = model.FindContainer("rec-web")!;
        Assert.Equal(NetworkModeKind.Bridge, web.NetworkMode.Kind);
        Assert.Equal("default", web.NetworkMode.Raw);
        Assert.Contains(web.Ports, p => p is { HostIp: "0.0.0.0", HostPort: 8081, ContainerPort: 8080, Protocol: "tcp", Discarded: false });
        var webEndpoint = Assert.Single(web.Endpoints);
        Assert.Equal(("172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02"), (webEndpoint.Ipv4!, webEndpoint.Ipv4PrefixLength!.Value, webEndpoint.Gateway!, webEndpoint.Mac!));

        var db = model.FindContainer("rec-db")!;
        Assert.Equal(NetworkModeKind.Network, db.NetworkMode.Kind);
        Assert.Contains("database", Assert.Single(db.Endpoints).Aliases);

        var hostMode = model.FindContainer("rec-hostmode")!;
        Assert.Equal(NetworkModeKind.Host, hostMode.NetworkMode.Kind);
        var discarded = Assert.Single(hostMode.Ports);
        Assert.Equal((true, 9999, 80), (discarded.Discarded, discarded.HostPort!.Value, discarded.ContainerPort));
        Assert.Equal(WarningCodes.PortsDiscardedHostMode, Assert.Single(hostMode.Warnings).Code);

        var none = model.FindContainer("rec-none")!;
        Assert.Equal(NetworkModeKind.None, none.NetworkMode.Kind);
        Assert.Null(Assert.Single(none.Endpoints).Ipv4);

        var sharer = model.FindContainer("rec-sharer")!;
        Assert.Equal((NetworkModeKind.Container, web.Id), (sharer.NetworkMode.Kind, sharer.NetworkMode.SharesWith!));
        Assert.Empty(sharer.Endpoints);
        Assert.Empty(sharer.Warnings);
        var orphan = model.FindContainer("rec-orphan")!;
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, Assert.Single(orphan.Warnings).Code);

        var multi = model.FindContainer("rec-multi")!;
        Assert.Equal(["rec-app", "rec-internal"], multi.Endpoints.Select(e => e.NetworkName).ToArray());
        Assert.Equal("172.28.0.50", multi.Endpoints[0].Ipv4);

        var created = model.FindContainer("rec-created")!;
        Assert.Equal("created", created.State);
        Assert.Equal(bridge.Id, Assert.Single(created.Endpoints).NetworkId);
        Assert.Null(created.Endpoints[0].Ipv4);
    }

    [Fact]
    public async Task A_resync_costs_two_list_calls_and_one_inspect_per_container()
    {
        await using var daemon = await RecordedDaemon.StartAsync("api-1.41");
        var observer = ObserverHarness.Create(daemon.Endpoint, new() { ResyncInterval = TimeSpan.FromMilliseconds(200) });
        var observations = 0;
        await ObserverHarness.FirstAsync(observer, _ => ++observations == 4);
        Assert.Equal(4, observer.Calls["list-containers"]);
        Assert.Equal(4, observer.Calls["list-networks"]);
        Assert.Equal(10, observer.Calls["inspect"]); // ten containers, each inspected once, then cached
    }

    [Fact]
    public async Task A_newer_engine_is_spoken_to_at_its_own_version_and_its_new_fields_are_read()
    {
        var (observation, daemon) = await ObserveAsync("api-1.52");
        Assert.Equal("1.52", observation.Host.ApiVersion);
        Assert.Equal("29.1.2", observation.Host.EngineVersion);
        Assert.All(daemon.Requests.Where(r => r != "/version" && !r.StartsWith("/_ping", StringComparison.Ordinal)), r => Assert.StartsWith("/v1.52/", r));

        var db = Build(observation).FindContainer("rec-db")!;
        Assert.Equal(["rec-db", "database", "2454edb3aaa2"], Assert.Single(db.Endpoints).DnsNames!.Value.ToArray());
        Assert.Contains("database", db.Endpoints[0].Aliases);
    }

    [Fact]
    public async Task Veth_peers_are_matched_with_what_the_kernel_said_at_recording_time()
    {
        var (observation, _) = await ObserveAsync("api-1.41");
        using var links = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", "api-1.41", "links.json")));
        var byContainer = links.RootElement.GetProperty("containers").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(i => new ContainerInterface(i.GetProperty("name").GetString()!, i.GetProperty("ifindex").GetInt32(), i.GetProperty("iflink").GetInt32(), i.GetProperty("mac").GetString())).ToImmutableArray());
        var host = new HostInterfaceTable
        {
            Interfaces = links.RootElement.GetProperty("host").EnumerateArray()
                .Select(i => new HostInterface(i.GetProperty("name").GetString()!, i.GetProperty("ifindex").GetInt32(), i.GetProperty("iflink").GetInt32(), NullIfEmpty(i.GetProperty("master").GetString())))
                .ToImmutableArray(),
            BridgeAddresses = links.RootElement.GetProperty("bridgeAddresses").EnumerateObject()
                .ToImmutableDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(a => a.GetString()!).ToImmutableArray()),
        };
        var withKernel = observation with
        {
            HostInterfaces = host,
            Containers = observation.Containers.Select(c => c with { Interfaces = byContainer.TryGetValue(c.Id, out var i) ? i : null }).ToImmutableArray(),
        };
        var model = Build(withKernel);

        var web = Assert.Single(model.FindContainer("rec-web")!.Endpoints);
        Assert.Equal(("veth36149a6", 10, "eth0"), (web.HostInterface!, web.HostInterfaceIndex!.Value, web.ContainerInterface!));
        var multi = model.FindContainer("rec-multi")!.Endpoints;
        Assert.Equal("veth61b78d5", multi.Single(e => e.NetworkName == "rec-app").HostInterface);
        Assert.Equal("vethe02bf8a", multi.Single(e => e.NetworkName == "rec-internal").HostInterface);
        Assert.Equal("vethcaa38f5", Assert.Single(model.FindContainer("rec-iso")!.Endpoints).HostInterface);
        Assert.Null(Assert.Single(model.FindContainer("rec-hostmode")!.Endpoints).HostInterface);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
