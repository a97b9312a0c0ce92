using System.Collections.Immutable;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Export;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Tests.Analysis;

/// <summary>
/// What Engine 27–28 add, on observations shaped like Docker 28.5's answers (see the 1.51 recording of
/// NetDashboard.Docker.Tests): gateway modes, routed ports, IPv4-less networks, GwPriority and the default route,
/// and what the NAT path, egress, map and exports make of them.
/// </summary>
public class TodayEnginesTests
{
    private const string RoutedId = "45927829b0d0aa8f8b6f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";
    private const string PlainId = "4a95ff2b5d3367ee27d93ba9f00eecd09363e0e0219d4459b90b9ab64c7baa54";
    private const string V6Id = "18a0a61fde8e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c";
    private const string WebId = "2cf8c6e128f868026027124b7b17c496789fbd4137263733f72aa54022c0db3f";
    private const string GwId = "a341a042564c49aefdc9ae0b38dca9a32f691f5bfee061e1274a706ef8b4c35b";
    private const string TieId = "8bb44ac0000f7d6d8fc25dd5cfaec1625fc6152796759323fafea17144596637";
    private const string V6CId = "5142147ac320b98b25e3f1f8b620648163b012da471d25bd5efc30ac04c91166";

    private static DaemonObservation Observation(string api = "1.51")
    {
        var routed = Observations.UserNetwork(RoutedId, "routed", "10.231.52.0/24", "10.231.52.1",
            new() { ["com.docker.network.bridge.gateway_mode_ipv4"] = "routed" }) with { EnableIPv4 = true };
        var plain = Observations.UserNetwork(PlainId, "plain", "10.231.54.0/24", "10.231.54.1") with { EnableIPv4 = true };
        var v6only = Observations.UserNetwork(V6Id, "v6only", "fd00:231:53::/64", null) with { EnableIPv4 = false, EnableIPv6 = true };
        var web = Observations.Container(WebId, "routedweb", "routed",
            Observations.Endpoint("routed", RoutedId, "10.231.52.2", 24, "10.231.52.1", "2e:ff:98:ae:d4:71") with { GwPriority = 0 }) with
        {
            Ports = [new ObservedPort { PrivatePort = 80, Ip = "0.0.0.0", Type = "tcp" }, new ObservedPort { PrivatePort = 80, PublicPort = 8080, Ip = "::", Type = "tcp" }],
        };
        var gw = Observations.Container(GwId, "gw", "plain",
            Observations.Endpoint("plain", PlainId, "10.231.54.2", 24, "10.231.54.1", "6e:ea:4d:eb:15:d3", "e1") with { GwPriority = 0 },
            Observations.Endpoint("routed", RoutedId, "10.231.52.3", 24, "10.231.52.1", "1a:7f:2a:7c:e7:5c", "e2") with { GwPriority = 10 });
        var tie = Observations.Container(TieId, "tie", "plain",
            Observations.Endpoint("plain", PlainId, "10.231.54.3", 24, "10.231.54.1", "5e:33:41:93:88:2b", "e3") with { GwPriority = 0 },
            Observations.Endpoint("routed", RoutedId, "10.231.52.4", 24, "10.231.52.1", "5e:33:41:93:88:2c", "e4") with { GwPriority = 0 });
        var v6 = Observations.Container(V6CId, "v6", "v6only",
            new ObservedEndpoint { NetworkName = "v6only", NetworkId = V6Id, EndpointId = "e5", IpAddress = "", Gateway = "", GlobalIPv6Address = "fd00:231:53::2", GlobalIPv6PrefixLen = 64, IPv6Gateway = "fd00:231:53::1", MacAddress = "16:f8:bf:20:13:8e", GwPriority = 0 });
        return Observations.Daemon([Observations.DefaultBridge("10.231.51.1"), routed, plain, v6only], [web, gw, tie, v6]) with
        {
            Host = Observations.Host() with { ApiVersion = api, EngineVersion = "28.5.2+dfsg4", FirewallBackend = "iptables" },
        };
    }

    private static TopologySnapshot Build(DaemonObservation o) => TopologyBuilder.Build([o], 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_model_carries_gateway_modes_routed_ports_IPv4_less_networks_and_priorities()
    {
        var model = Build(Observation());
        Assert.Equal("iptables", model.Hosts[0].FirewallBackend);
        Assert.Equal(new GatewayModeInfo { Ipv4 = "routed", Ipv6 = "nat" }, model.FindNetwork("routed")!.GatewayMode);
        Assert.Equal(new GatewayModeInfo { Ipv4 = "nat", Ipv6 = "nat" }, model.FindNetwork("plain")!.GatewayMode);
        Assert.False(model.FindNetwork("v6only")!.EnableIPv4);
        var web = model.FindContainer("routedweb")!;
        Assert.Equal([(80, "0.0.0.0", (int?)null, true), (80, "::", 8080, false)],
            web.Ports.Select(p => (p.ContainerPort, p.HostIp!, p.HostPort, p.Routed)).ToArray());

        // Below API 1.48 the same answers' EnableIPv4=false and GwPriority=0 are what a missing field reads as: ignored.
        var old = Build(Observation("1.45"));
        Assert.True(old.FindNetwork("v6only")!.EnableIPv4);
        Assert.All(old.Containers.SelectMany(c => c.Endpoints), e => Assert.Null(e.GwPriority));
    }

    [Fact]
    public void The_default_route_follows_the_highest_priority_is_unknown_on_a_tie_and_the_routing_table_wins()
    {
        var model = Build(Observation());
        var gw = model.FindContainer("gw")!.Endpoints.ToDictionary(e => e.NetworkName);
        Assert.Equal((true, false), (gw["routed"].DefaultRoute!.Value, gw["plain"].DefaultRoute!.Value));
        Assert.All(model.FindContainer("tie")!.Endpoints, e => Assert.Null(e.DefaultRoute)); // equal priorities: the daemon's choice
        Assert.True(Assert.Single(model.FindContainer("v6")!.Endpoints).DefaultRoute); // its IPv6 gateway

        // What the container's own routing table says beats the derivation: the tie resolved, as the daemon chose.
        var observed = Observation() with
        {
            Containers = Observation().Containers.Select(c => c.Id != TieId ? c : c with
            {
                Interfaces = [new ContainerInterface("eth0", 2, 10, "5e:33:41:93:88:2b"), new ContainerInterface("eth1", 3, 11, "5e:33:41:93:88:2c") { DefaultRoute = true }],
            }).ToImmutableArray(),
        };
        var tie = Build(observed).FindContainer("tie")!.Endpoints.ToDictionary(e => e.NetworkName);
        Assert.Equal((true, false), (tie["routed"].DefaultRoute!.Value, tie["plain"].DefaultRoute!.Value));
    }

    // iptables-save -t nat of Docker 28.5's own network namespace with the routed container above: no DNAT, no MASQUERADE
    // for the routed subnet.
    private const string Kernel = """
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A POSTROUTING -s 10.231.54.0/24 ! -o br-4a95ff2b5d33 -j MASQUERADE
        -A POSTROUTING -s 10.231.51.0/24 ! -o docker0 -j MASQUERADE
        -A DOCKER -i br-4a95ff2b5d33 -j RETURN
        -A DOCKER -i br-45927829b0d0 -j RETURN
        -A DOCKER -i docker0 -j RETURN
        COMMIT
        """;

    [Fact]
    public void A_routed_port_has_no_DNAT_and_its_network_no_MASQUERADE_and_the_kernel_agrees()
    {
        var model = Build(Observation());
        var web = model.FindContainer("routedweb")!;
        var path = NatPathBuilder.Build(model, web, IptablesNat.Parse(Kernel), tableOf: "the network namespace of dockerd (pid 812)");
        var routed = path.Published.Single(p => p.Routed);
        Assert.Equal("routed: no DNAT, reached at 10.231.52.2:80/tcp directly on br-45927829b0d0 (routed)", routed.Summary);
        Assert.Equal((null, NatRuleMatch.Match), (routed.HostPort, routed.Kernel));
        Assert.Empty(path.Masquerade);
        Assert.Equal(0, path.Differences);
        Assert.Contains("routed is routed (gateway mode routed): no DNAT and no MASQUERADE", path.Note);
        Assert.Contains("checked against the nat table of the network namespace of dockerd (pid 812)", path.Note);

        // A DNAT to a routed port is not what routed mode writes: a difference.
        var dnat = IptablesNat.Parse(Kernel.Replace("COMMIT", "-A DOCKER ! -i br-45927829b0d0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.231.52.2:80\nCOMMIT"));
        Assert.Equal(NatRuleMatch.Differs, NatPathBuilder.Build(model, web, dnat).Published.Single(p => p.Routed).Kernel);
    }

    [Fact]
    public void Egress_leaves_by_the_default_route_without_NAT_on_a_routed_network_and_a_tie_says_so()
    {
        var model = Build(Observation());
        var gw = model.FindContainer("gw")!;
        var reason = EgressAnalyzer.Egress(model, NetworkStack.Of(model, gw)).Reason;
        Assert.Equal("its default route is on routed (gateway priority 10, the highest): gw goes out through routed's gateway 10.231.52.1, "
                     + "without NAT (routed is routed: it leaves with its own address 10.231.52.3)", reason);
        var tie = EgressAnalyzer.Egress(model, NetworkStack.Of(model, model.FindContainer("tie")!));
        Assert.Contains("is the daemon's choice (equal priorities)", tie.Reason);
        Assert.Contains("IPv6 only, without NAT", EgressAnalyzer.Egress(model, NetworkStack.Of(model, model.FindContainer("v6")!)).Reason);
    }

    [Fact]
    public void Reachability_says_why_routed_and_loopback_only_ports_do_not_help_and_nat_unprotected_is_open()
    {
        var observation = Observation();
        var withLoopback = observation with
        {
            Containers = observation.Containers.Select(c => c.Id != WebId ? c : c with
            {
                Ports = c.Ports.Add(new ObservedPort { PrivatePort = 9000, PublicPort = 9000, Ip = "127.0.0.1", Type = "tcp" }),
            }).ToImmutableArray(),
        };
        var model = Build(withLoopback);
        var report = ReachabilityAnalyzer.Analyze(model, model.FindContainer("v6")!, model.FindContainer("routedweb")!);
        Assert.False(report.ByIp.Reachable);
        Assert.Contains("routedweb's ports published on loopback only (127.0.0.1:9000/tcp) are not reachable from containers", report.ByIp.Reason);
        Assert.Contains("routedweb's routed ports (80/tcp) have no host port", report.ByIp.Reason);

        var unprotected = Build(observation with
        {
            Networks = observation.Networks.Select(n => n.Id != PlainId ? n : n with
            {
                Options = n.Options.Add("com.docker.network.bridge.gateway_mode_ipv4", "nat-unprotected"),
            }).ToImmutableArray(),
        });
        var path = NatPathBuilder.Build(unprotected, unprotected.FindContainer("tie")!, null, "not read");
        Assert.Contains("plain is nat-unprotected: besides its published ports, every port of its containers is open", path.Note);
        Assert.Single(path.Masquerade); // nat-unprotected still masquerades; the routed network does not
    }

    [Fact]
    public void The_map_and_the_exports_name_the_gateway_mode_the_routed_port_and_the_default_route()
    {
        var model = Build(Observation());
        var graph = TopologyGraphBuilder.Build(model);
        Assert.Contains("gateway mode routed", graph.Regions.Single(g => g.NetworkId == RoutedId).Detail);
        Assert.Contains("IPv6 only", graph.Regions.Single(g => g.NetworkId == V6Id).Detail);
        Assert.Equal("routed: no NAT, containers are reached at and leave with their own addresses",
            graph.Edges.Single(e => e.Kind == MapEdgeKind.Uplink && e.NetworkId == RoutedId).Detail);
        var published = graph.Edges.Single(e => e.Kind == MapEdgeKind.PublishedPort && e.ContainerId == WebId);
        Assert.Equal("routed, [::]:8080 → 80/tcp", published.Label);
        Assert.Equal("DNAT → 10.231.52.2 on br-45927829b0d0; routed: no DNAT, reached at 10.231.52.2 directly on br-45927829b0d0", published.Detail);
        Assert.Equal("10.231.52.3/24 · default route", graph.Edges.Single(e => e.Id == $"ep:local:{GwId}:{RoutedId}").Label);

        var mermaid = TopologyExport.Render(model, ExportFormat.Mermaid);
        Assert.Contains("gateway mode routed", mermaid);
        Assert.Contains("default route", mermaid);
        Assert.Contains("gateway mode routed", TopologyExport.Render(model, ExportFormat.Dot));
        Assert.Contains("gateway mode routed", TopologyExport.Render(model, ExportFormat.Svg));
        var json = TopologyExport.Render(model, ExportFormat.Json);
        Assert.Contains("\"gatewayMode\":{\"ipv4\":\"routed\"", json.Replace(" ", "").Replace("\n", ""));
        Assert.Contains("\"defaultRoute\":true", json.Replace(" ", ""));
    }
}
