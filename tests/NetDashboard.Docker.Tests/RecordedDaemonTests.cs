using System.Collections.Immutable;
using System.Text.Json;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Tests;

/// <summary>The adapter and the builder on answers recorded from the real Docker 20.10 here (API 1.41), and on a newer engine's shape.</summary>
public class RecordedDaemonTests
{
    private static async Task<(DaemonObservation Observation, RecordedDaemon Daemon)> ObserveAsync(string recording, params string[] missing)
    {
        var daemon = await RecordedDaemon.StartAsync(recording);
        foreach (var route in missing)
        {
            daemon.Missing[route] = true;
        }
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
    public async Task A_newer_engine_is_spoken_to_at_its_own_version_and_a_missing_info_costs_nothing_but_the_backend()
    {
        // The Engine 29 recording with /info taken away (404): the connection stands, the firewall backend is "not reported".
        var (observation, daemon) = await ObserveAsync("api-1.52", "/info");
        Assert.Equal("1.52", observation.Host.ApiVersion);
        Assert.Equal("29.1.2", observation.Host.EngineVersion);
        Assert.All(daemon.Requests.Where(r => r != "/version" && !r.StartsWith("/_ping", StringComparison.Ordinal)), r => Assert.StartsWith("/v1.52/", r));
        Assert.Contains("/v1.52/info", daemon.Requests);
        Assert.True(observation.Host.Connected);
        Assert.Null(observation.Host.FirewallBackend);

        var db = Build(observation).FindContainer("rec-db")!;
        Assert.Equal(["rec-db", "database", db.Id[..12]], Assert.Single(db.Endpoints).DnsNames!.Value.ToArray());
        Assert.Contains("database", db.Endpoints[0].Aliases);
    }

    [Fact]
    public async Task Every_seed_scenario_of_a_Docker_28_5_recording_is_modelled_with_what_today_s_engines_add()
    {
        var (observation, daemon) = await ObserveAsync("api-1.51");
        Assert.Equal(("1.51", "28.5.2+dfsg4", "iptables"), (observation.Host.ApiVersion!, observation.Host.EngineVersion!, observation.Host.FirewallBackend!));
        Assert.Contains("/v1.51/info", daemon.Requests);
        var model = Build(observation);
        Assert.Equal("iptables", Assert.Single(model.Hosts).FirewallBackend);

        // The seed's scenarios, as 20.10 has them (NetworkMode says "bridge" where 20.10 said "default").
        var bridge = model.FindNetwork("bridge")!;
        Assert.Equal(("docker0", "10.231.51.0/24", "10.231.51.1", false), (bridge.Bridge!, bridge.Subnets[0].Subnet, bridge.Subnets[0].Gateway!, bridge.Dns));
        Assert.Equal(new GatewayModeInfo { Ipv4 = "nat", Ipv6 = "nat" }, bridge.GatewayMode);
        var noIcc = model.FindNetwork("rec-noicc")!;
        Assert.Equal(("ndrec0", false), (noIcc.Bridge!, noIcc.Icc));
        Assert.True(model.FindNetwork("rec-internal")!.Internal);
        Assert.Null(model.FindNetwork("host")!.GatewayMode);
        var web = model.FindContainer("rec-web")!;
        Assert.Equal((NetworkModeKind.Bridge, "bridge"), (web.NetworkMode.Kind, web.NetworkMode.Raw));
        Assert.Contains(web.Ports, p => p is { HostIp: "0.0.0.0", HostPort: 8081, ContainerPort: 8080, Routed: false });
        Assert.Equal(("10.231.51.2", true, 0), (web.Endpoints[0].Ipv4!, web.Endpoints[0].DefaultRoute!.Value, web.Endpoints[0].GwPriority!.Value));
        Assert.Null(web.Endpoints[0].DnsNames); // the default bridge: no embedded DNS, and the daemon reports none
        var dbContainer = model.FindContainer("rec-db")!;
        var db = Assert.Single(dbContainer.Endpoints);
        Assert.Equal(["database"], db.Aliases.ToArray()); // API 1.45+: aliases without the short id, which DNSNames carries
        Assert.Equal(["rec-db", "database", dbContainer.Id[..12]], db.DnsNames!.Value.ToArray());
        Assert.Equal(WarningCodes.PortsDiscardedHostMode, Assert.Single(model.FindContainer("rec-hostmode")!.Warnings).Code);
        Assert.Null(Assert.Single(model.FindContainer("rec-none")!.Endpoints).DefaultRoute);
        Assert.Equal(web.Id, model.FindContainer("rec-sharer")!.NetworkMode.SharesWith);
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, Assert.Single(model.FindContainer("rec-orphan")!.Warnings).Code);
        var multi = model.FindContainer("rec-multi")!.Endpoints;
        Assert.Equal([true, false], multi.Select(e => e.DefaultRoute!.Value).ToArray()); // rec-app; the internal one has no gateway
        Assert.Null(Assert.Single(model.FindContainer("rec-created")!.Endpoints).DefaultRoute); // not running: no routes

        // A routed network: no DNAT, the daemon lists the IPv4 binding with an empty host port.
        var routed = model.FindNetwork("rec-routed")!;
        Assert.Equal("routed", routed.GatewayMode!.Ipv4);
        var routedWeb = model.FindContainer("rec-routedweb")!;
        Assert.Contains(routedWeb.Ports, p => p is { HostIp: "0.0.0.0", HostPort: null, ContainerPort: 80, Routed: true });
        Assert.Contains(routedWeb.Ports, p => p is { HostIp: "::", HostPort: 8080, Routed: false });

        // An IPv6-only network and its container.
        var v6only = model.FindNetwork("rec-v6only")!;
        Assert.Equal((false, true, "fd00:231:53::/64"), (v6only.EnableIPv4, v6only.EnableIPv6, v6only.Subnets[0].Subnet));
        var v6 = Assert.Single(model.FindContainer("rec-v6")!.Endpoints);
        Assert.Equal(((string?)null, "fd00:231:53::2", "fd00:231:53::1", true), (v6.Ipv4, v6.Ipv6!, v6.Ipv6Gateway!, v6.DefaultRoute!.Value));

        // --gw-priority: the default route is on rec-routed (priority 10), not on rec-app where it was started.
        var gw = model.FindContainer("rec-gw")!.Endpoints.ToDictionary(e => e.NetworkName);
        Assert.Equal((0, false), (gw["rec-app"].GwPriority!.Value, gw["rec-app"].DefaultRoute!.Value));
        Assert.Equal((10, true), (gw["rec-routed"].GwPriority!.Value, gw["rec-routed"].DefaultRoute!.Value));

        // Loopback-only publishing.
        Assert.Contains(model.FindContainer("rec-lo")!.Ports, p => p is { HostIp: "127.0.0.1", HostPort: 8082, Routed: false });
    }

    [Fact]
    public async Task An_engine_older_than_API_1_48_reports_no_priority_and_every_network_with_IPv4()
    {
        var (observation, daemon) = await ObserveAsync("api-1.41");
        // /info is asked for the daemon's Swarm node (any API); its firewall backend is not taken below 1.49.
        Assert.Contains("/v1.41/info", daemon.Requests);
        var model = Build(observation);
        Assert.Null(Assert.Single(model.Hosts).Swarm); // the recording's daemon is no Swarm node
        Assert.Null(Assert.Single(model.Hosts).FirewallBackend);
        Assert.All(model.Networks, n => Assert.True(n.EnableIPv4));
        Assert.All(model.Containers.SelectMany(c => c.Endpoints), e => Assert.Null(e.GwPriority));
        Assert.All(model.Containers.SelectMany(c => c.Endpoints), e => Assert.Null(e.DnsNames));
        // One gateway: that endpoint carries the default route, priority or not.
        Assert.Equal([true, false], model.FindContainer("rec-multi")!.Endpoints.Select(e => e.DefaultRoute!.Value).ToArray());
    }

    [Fact]
    public async Task A_Podman_recording_is_modelled_and_what_Podman_does_not_report_is_said_not_guessed()
    {
        var (observation, daemon) = await ObserveAsync("podman-4.3");
        Assert.Equal(("podman", "1.41", "4.3.1"), (observation.Host.Product, observation.Host.ApiVersion!, observation.Host.EngineVersion!));
        Assert.DoesNotContain(daemon.Requests, r => r.EndsWith("/info", StringComparison.Ordinal));
        var model = Build(observation);
        var host = Assert.Single(model.Hosts);
        Assert.Equal("podman", host.Product);
        Assert.Contains(host.NotReported, s => s.StartsWith("Podman does not report the Linux bridge", StringComparison.Ordinal));

        // Its default network is "podman" on endpoints and "bridge" in the list: one network, no bridge name guessed.
        var bridge = model.FindNetwork("bridge")!;
        Assert.Null(bridge.Bridge);
        Assert.All(model.Networks, n => Assert.Null(n.Bridge));
        Assert.All(model.Networks, n => Assert.False(n.Dns));
        var web = model.FindContainer("rec-web")!;
        Assert.Equal((NetworkModeKind.Bridge, "bridge"), (web.NetworkMode.Kind, web.NetworkMode.Raw)); // from inspect: the list has none
        var webEndpoint = Assert.Single(web.Endpoints);
        Assert.Equal((bridge.Id, "bridge", "10.231.63.2"), (webEndpoint.NetworkId, webEndpoint.NetworkName, webEndpoint.Ipv4!));
        Assert.Contains(web.Ports, p => p is { ContainerPort: 8080, HostPort: 8081, HostIp: null, Routed: false });

        var db = Assert.Single(model.FindContainer("rec-db")!.Endpoints);
        Assert.Equal(model.FindNetwork("rec-app")!.Id, db.NetworkId); // Podman puts the network's name in NetworkID
        Assert.Contains("database", db.Aliases);
        Assert.Equal(((int?)null, (ImmutableArray<string>?)null, true), (db.GwPriority, db.DnsNames, db.DefaultRoute!.Value));
        var sharer = model.FindContainer("rec-sharer")!;
        Assert.Equal((NetworkModeKind.Container, web.Id), (sharer.NetworkMode.Kind, sharer.NetworkMode.SharesWith!));
        Assert.Empty(sharer.Endpoints);
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, Assert.Single(model.FindContainer("rec-orphan")!.Warnings).Code);
        Assert.Equal(NetworkModeKind.Host, model.FindContainer("rec-hostmode")!.NetworkMode.Kind);
        Assert.Empty(model.FindContainer("rec-hostmode")!.Ports); // Podman keeps no trace of the discarded -p
        Assert.Equal(NetworkModeKind.None, model.FindContainer("rec-none")!.NetworkMode.Kind);
        Assert.Equal(["rec-app", "rec-internal"], model.FindContainer("rec-multi")!.Endpoints.Select(e => e.NetworkName).ToArray());
        Assert.True(model.FindNetwork("rec-internal")!.Internal);
    }

    [Fact]
    public async Task A_Podman_5_recording_is_modelled_with_its_real_network_ids_and_its_host_and_none_endpoints()
    {
        // Recorded from sid's Podman 5.8 (scripts/newer-podman.sh, podman-service.sh with ND_PODMAN_BIN): API 1.44,
        // NetworkID the network's id (4.3 put its name there), EnableIPv4 false on every network (ignored below 1.48),
        // host- and none-mode containers with an endpoint on networks Podman does not list.
        var (observation, daemon) = await ObserveAsync("podman-5.8");
        Assert.Equal(("podman", "1.44", "5.8.6"), (observation.Host.Product, observation.Host.ApiVersion!, observation.Host.EngineVersion!));
        Assert.DoesNotContain(daemon.Requests, r => r.EndsWith("/info", StringComparison.Ordinal) || r.Contains("/networks/", StringComparison.Ordinal));
        var model = Build(observation);
        var host = Assert.Single(model.Hosts);
        Assert.Contains(host.NotReported, s => s.StartsWith("Podman lists no host or none network", StringComparison.Ordinal));
        Assert.All(model.Networks, n => Assert.True(n.EnableIPv4));
        Assert.All(model.Networks, n => Assert.Null(n.Bridge));

        var bridge = model.FindNetwork("bridge")!;
        var web = Assert.Single(model.FindContainer("rec-web")!.Endpoints);
        Assert.Equal((bridge.Id, "bridge", "10.231.63.2", "10.231.63.1"), (web.NetworkId, web.NetworkName, web.Ipv4!, web.Gateway!));
        Assert.Contains(model.FindContainer("rec-web")!.Ports, p => p is { ContainerPort: 8080, HostPort: 8081, HostIp: "0.0.0.0", Routed: false });
        var db = Assert.Single(model.FindContainer("rec-db")!.Endpoints);
        Assert.Equal((model.FindNetwork("rec-app")!.Id, (int?)null, (ImmutableArray<string>?)null), (db.NetworkId, db.GwPriority, db.DnsNames));
        Assert.Contains("database", db.Aliases);

        var hostMode = model.FindContainer("rec-hostmode")!;
        Assert.Equal(NetworkModeKind.Host, hostMode.NetworkMode.Kind);
        Assert.Equal(("host", "host", (string?)null), (Assert.Single(hostMode.Endpoints).NetworkId, hostMode.Endpoints[0].NetworkName, hostMode.Endpoints[0].Ipv4));
        Assert.Null(model.FindNetwork("host")); // not listed by Podman
        Assert.Equal(NetworkModeKind.None, model.FindContainer("rec-none")!.NetworkMode.Kind);
        Assert.Equal("none", Assert.Single(model.FindContainer("rec-none")!.Endpoints).NetworkName);
        var sharer = model.FindContainer("rec-sharer")!;
        Assert.Equal((NetworkModeKind.Container, model.FindContainer("rec-web")!.Id), (sharer.NetworkMode.Kind, sharer.NetworkMode.SharesWith!));
        Assert.Empty(sharer.Endpoints);
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, Assert.Single(model.FindContainer("rec-orphan")!.Warnings).Code);
        Assert.Equal([true, false], model.FindContainer("rec-multi")!.Endpoints.Select(e => e.DefaultRoute!.Value).ToArray());
        Assert.True(model.FindNetwork("rec-internal")!.Internal);
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
