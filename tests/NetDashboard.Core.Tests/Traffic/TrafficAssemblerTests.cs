using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Traffic;
using static NetDashboard.Core.Tests.Observations;

namespace NetDashboard.Core.Tests.Traffic;

/// <summary>Attribution, first/last seen, the kept window, listeners, unheard ports and the reachability cross-check.</summary>
public class TrafficAssemblerTests
{
    private const string AppNet = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";
    private const string OtherNet = "bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22";
    private const string InternalNet = "cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    /// <summary>srv (172.18.0.2, 8080 published on 127.0.0.1:32769) and cli (172.18.0.3) on "app"; lone on another network; two on an --internal one.</summary>
    internal static readonly TopologySnapshot Topology = TopologyBuilder.Build([Daemon(
        [
            UserNetwork(AppNet, "app", "172.18.0.0/16", "172.18.0.1"),
            UserNetwork(OtherNet, "other", "172.19.0.0/16", "172.19.0.1"),
            UserNetwork(InternalNet, "sealed", "172.20.0.0/16", "172.20.0.1", @internal: true),
        ],
        [
            Container("srv1", "srv", "app", Endpoint("app", AppNet, "172.18.0.2", 16, "172.18.0.1", "02:42:ac:12:00:02")) with
            {
                Ports = [new ObservedPort { PrivatePort = 8080, PublicPort = 32769, Ip = "127.0.0.1", Type = "tcp" }],
            },
            Container("cli1", "cli", "app", Endpoint("app", AppNet, "172.18.0.3", 16, "172.18.0.1", "02:42:ac:12:00:03")),
            Container("lone1", "lone", "other", Endpoint("other", OtherNet, "172.19.0.2", 16, "172.19.0.1", "02:42:ac:13:00:02")),
            Container("in1", "inner-a", "sealed", Endpoint("sealed", InternalNet, "172.20.0.2", 16, "", "02:42:ac:14:00:02")),
            Container("in2", "inner-b", "sealed", Endpoint("sealed", InternalNet, "172.20.0.3", 16, "", "02:42:ac:14:00:03")),
        ])], 1, T0);

    private static TrafficRead Read(string conntrack, Dictionary<string, IReadOnlyList<SocketEntry>>? sockets = null) => new()
    {
        HostId = "local",
        Connections = ConntrackParser.Parse(conntrack),
        Cap = 1000,
        Note = "the dashboard's own network namespace",
        Sockets = (sockets ?? []).ToImmutableDictionary(),
    };

    private static TrafficDocument Assemble(string conntrack, Dictionary<string, IReadOnlyList<SocketEntry>>? sockets = null) =>
        TrafficAssembler.Assemble(Topology, [Read(conntrack, sockets)], [], TrafficLedger.Empty, T0, TimeSpan.FromMinutes(15), 1000).Document;

    [Fact]
    public void Recorded_flows_are_attributed_to_containers_network_and_path()
    {
        var flows = Assemble(ConntrackParserTests.Recorded).Flows;

        var bridge = Assert.Single(flows, f => f.Destination.Port == 8080 && f.Source.Address == "172.18.0.3");
        Assert.Equal(("cli1", "srv1", AppNet, TrafficVia.Bridge), (bridge.Source.ContainerId, bridge.Destination.ContainerId, bridge.NetworkId, bridge.Via));
        Assert.Equal(("cli", "srv"), (bridge.Source.ContainerName, bridge.Destination.ContainerName));
        Assert.Null(bridge.Finding); // the analysis agrees: same user network

        var published = Assert.Single(flows, f => f.Destination.PublishedAs == "127.0.0.1:32769");
        Assert.Equal((null, "srv1", TrafficVia.PublishedPort), (published.Source.ContainerId, published.Destination.ContainerId, published.Via));
        Assert.Equal(("127.0.0.1", "172.18.0.2", 8080), (published.Source.Address, published.Destination.Address, published.Destination.Port));

        var proxyLeg = Assert.Single(flows, f => f.Source.Address == "172.18.0.1");
        Assert.Equal((TrafficVia.Host, AppNet, "cli1"), (proxyLeg.Via, proxyLeg.NetworkId, proxyLeg.Destination.ContainerId));

        var outside = Assert.Single(flows, f => f.Destination.Address == "10.0.9.9");
        Assert.Equal((TrafficVia.Outside, "cli1", (string?)null), (outside.Via, outside.Source.ContainerId, outside.Destination.ContainerId));
        Assert.False(outside.Replied);

        var udp = Assert.Single(flows, f => f.Protocol == "udp");
        Assert.Equal("replied", udp.State);

        Assert.Equal(5, flows.Length); // the multicast, ICMP and the IPv6 entry of no watched container are not flows of containers
    }

    [Fact]
    public void A_published_port_reached_through_DNAT_names_the_container_from_the_reply()
    {
        var flow = Assert.Single(Assemble(
            "ipv4 2 tcp 6 300 ESTABLISHED src=192.168.1.20 dst=192.168.1.5 sport=51515 dport=32769 src=172.18.0.2 dst=192.168.1.20 sport=8080 dport=51515 [ASSURED] mark=0 use=1").Flows);

        Assert.Equal((TrafficVia.PublishedPort, "srv1", "172.18.0.2", 8080, "192.168.1.5:32769"),
            (flow.Via, flow.Destination.ContainerId, flow.Destination.Address, flow.Destination.Port, flow.Destination.PublishedAs));
        Assert.Equal(("192.168.1.20", (string?)null), (flow.Source.Address, flow.Source.ContainerId)); // shown, never resolved
        Assert.Equal(AppNet, flow.NetworkId);
    }

    [Fact]
    public void A_flow_on_an_internal_network_is_attributed_to_it()
    {
        var flow = Assert.Single(Assemble(
            "ipv4 2 tcp 6 300 ESTABLISHED src=172.20.0.3 dst=172.20.0.2 sport=40001 dport=7000 src=172.20.0.2 dst=172.20.0.3 sport=7000 dport=40001 [ASSURED] mark=0 use=1").Flows);

        Assert.Equal(("in2", "in1", InternalNet, TrafficVia.Bridge), (flow.Source.ContainerId, flow.Destination.ContainerId, flow.NetworkId, flow.Via));
        Assert.Null(flow.Finding);
    }

    [Fact]
    public void A_flow_the_analysis_calls_impossible_is_a_finding_with_both_reasons()
    {
        var flow = Assert.Single(Assemble(
            "ipv4 2 tcp 6 300 ESTABLISHED src=172.19.0.2 dst=172.18.0.2 sport=40002 dport=8080 src=172.18.0.2 dst=172.19.0.2 sport=8080 dport=40002 [ASSURED] mark=0 use=1").Flows);

        Assert.Equal(TrafficVia.Host, flow.Via); // two networks: routed through the host
        var finding = Assert.IsType<TrafficFinding>(flow.Finding);
        Assert.Equal(TrafficFindingCodes.UnexpectedFlow, finding.Code);
        Assert.Equal("The kernel tracks lone (172.19.0.2:40002) → srv (172.18.0.2:8080) over tcp, answered (ESTABLISHED).", finding.Observed);
        Assert.StartsWith("The analysis says lone cannot reach srv by IP: ", finding.Analysis);
    }

    [Fact]
    public void A_connection_never_answered_where_the_analysis_says_reachable_is_a_finding()
    {
        var flow = Assert.Single(Assemble(
            "ipv4 2 tcp 6 100 SYN_SENT src=172.18.0.3 dst=172.18.0.2 sport=40003 dport=9999 [UNREPLIED] src=172.18.0.2 dst=172.18.0.3 sport=9999 dport=40003 mark=0 use=1").Flows);

        var finding = Assert.IsType<TrafficFinding>(flow.Finding);
        Assert.Equal(TrafficFindingCodes.Unanswered, finding.Code);
        Assert.Contains("never answered (SYN_SENT)", finding.Observed);
        Assert.StartsWith("The analysis says cli can reach srv by IP: ", finding.Analysis);
    }

    [Fact]
    public void Listening_sockets_are_listed_and_a_published_port_without_one_is_flagged()
    {
        var listening = SocketTableParser.Parse(SocketTableParserTests.Tcp, "tcp"); // 127.0.0.11 (Docker's DNS) and 127.0.0.1:5000
        var document = Assemble("", new() { ["srv1"] = listening, ["cli1"] = SocketTableParser.Parse(SocketTableParserTests.Tcp6, "tcp") });

        Assert.Equal([("cli1", "::", 8080), ("cli1", "fd00::2", 80), ("srv1", "127.0.0.1", 5000)],
            document.Listeners.Select(l => (l.ContainerId, l.Address, l.Port)).Order().ToArray());
        var unheard = Assert.Single(document.UnheardPorts);
        Assert.Equal(("srv1", 8080, "tcp"), (unheard.ContainerId, unheard.ContainerPort, unheard.Protocol));
        Assert.Equal("Port 8080/tcp is published on 127.0.0.1:32769, but nothing inside srv listens on 8080/tcp.", unheard.Message);

        // A loopback connection inside srv's own namespace: one flow, from the client's end.
        var loopback = Assert.Single(document.Flows);
        Assert.Equal((TrafficVia.Loopback, "srv1", "srv1", 40960, 5000),
            (loopback.Via, loopback.Source.ContainerId, loopback.Destination.ContainerId, loopback.Source.Port, loopback.Destination.Port));
    }

    [Fact]
    public void A_published_port_listened_on_only_at_loopback_is_flagged_with_that_reason()
    {
        IReadOnlyList<SocketEntry> sockets = [new SocketEntry("tcp", "127.0.0.1", 8080, "0.0.0.0", 0, "LISTEN")];
        var unheard = Assert.Single(Assemble("", new() { ["srv1"] = sockets }).UnheardPorts);

        Assert.Equal("Port 8080/tcp is published on 127.0.0.1:32769, but inside srv it listens only on 127.0.0.1, which published traffic never reaches.", unheard.Message);
    }

    [Fact]
    public void First_seen_is_kept_an_ended_flow_stays_for_the_window_and_the_document_changes_only_when_the_flows_do()
    {
        var line = "ipv4 2 tcp 6 300 ESTABLISHED src=172.18.0.3 dst=172.18.0.2 sport=40004 dport=8080 src=172.18.0.2 dst=172.18.0.3 sport=8080 dport=40004 [ASSURED] mark=0 use=1";
        var window = TimeSpan.FromMinutes(1);
        var (first, ledger) = TrafficAssembler.Assemble(Topology, [Read(line)], [], TrafficLedger.Empty, T0, window, 1000);
        var (second, ledger2) = TrafficAssembler.Assemble(Topology, [Read(line)], [], ledger, T0.AddSeconds(1), window, 1000);

        var flow = Assert.Single(second.Flows);
        Assert.Equal((T0, T0.AddSeconds(1), true), (flow.FirstSeen, flow.LastSeen, flow.Live));
        Assert.False(TrafficAssembler.Differs(first, second)); // only the times moved

        var (ended, ledger3) = TrafficAssembler.Assemble(Topology, [Read("")], [], ledger2, T0.AddSeconds(2), window, 1000);
        var gone = Assert.Single(ended.Flows);
        Assert.Equal((false, T0.AddSeconds(1)), (gone.Live, gone.LastSeen));
        Assert.True(TrafficAssembler.Differs(second, ended));

        var (later, _) = TrafficAssembler.Assemble(Topology, [Read("")], [], ledger3, T0.AddSeconds(1) + window + TimeSpan.FromSeconds(1), window, 1000);
        Assert.Empty(later.Flows);

        // A host that stops being read (disconnected) keeps its flows for the window, none of them live.
        var (unread, _) = TrafficAssembler.Assemble(Topology, [], [new TrafficHostStatus { HostId = "local", Read = false, Note = "Host local is not connected." }],
            ledger2, T0.AddSeconds(2), window, 1000);
        Assert.False(Assert.Single(unread.Flows).Live);
    }

    [Fact]
    public void A_host_that_was_not_read_says_why_and_a_capped_read_says_so()
    {
        var capped = Read(ConntrackParserTests.Recorded) with { Capped = true, Cap = 2 };
        var document = TrafficAssembler.Assemble(Topology, [capped],
            [new TrafficHostStatus { HostId = "remote", Read = false, Note = "host remote is a remote daemon: its kernel's connection tracking is out of reach" }],
            TrafficLedger.Empty, T0, TimeSpan.FromMinutes(1), 1000).Document;

        Assert.Equal([("local", true, true), ("remote", false, false)], document.Hosts.Select(h => (h.HostId, h.Read, h.Capped)).ToArray());
    }
}

/// <summary>The map's pairs: one per two talkers within the window, thicker with more live flows.</summary>
public class TrafficPairsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    private static TrafficFlow Flow(string? from, string? to, int port, bool live = true, DateTimeOffset? lastSeen = null, string via = TrafficVia.Bridge) => new()
    {
        HostId = "local",
        Protocol = "tcp",
        State = "ESTABLISHED",
        Source = new FlowEnd { ContainerId = from, Address = "172.18.0.3", Port = 40000 + port },
        Destination = new FlowEnd { ContainerId = to, Address = "172.18.0.2", Port = port },
        Via = via,
        Live = live,
        FirstSeen = Now.AddMinutes(-10),
        LastSeen = lastSeen ?? Now,
    };

    [Fact]
    public void Flows_fold_into_pairs_within_the_window()
    {
        var document = new TrafficDocument
        {
            GeneratedAt = Now,
            Flows =
            [
                Flow("cli", "srv", 8080), Flow("cli", "srv", 8080) with { Source = new FlowEnd { ContainerId = "cli", Address = "172.18.0.3", Port = 1 } },
                Flow("cli", "srv", 9090), Flow("cli", "srv", 9090) with { Source = new FlowEnd { ContainerId = "cli", Address = "172.18.0.3", Port = 2 } },
                Flow("old", "srv", 80, live: false, lastSeen: Now.AddMinutes(-3)),
                Flow(null, "srv", 8080, via: TrafficVia.PublishedPort),
                Flow("cli", null, 443, via: TrafficVia.Outside),
                Flow("srv", "srv", 5000, via: TrafficVia.Loopback),
            ],
        };

        var live = TrafficPairs.Of(document, TimeSpan.Zero, Now);
        Assert.Equal(["traffic:local:cli:srv", "traffic:local:host:srv"], live.Select(p => p.Id).ToArray());
        var pair = live[0];
        Assert.Equal((4, 4, 3), (pair.Flows, pair.Live, pair.Weight));
        Assert.Equal(["8080/tcp", "9090/tcp"], pair.Ports.ToArray());

        var fiveMinutes = TrafficPairs.Of(document, TimeSpan.FromMinutes(5), Now);
        var ended = Assert.Single(fiveMinutes, p => p.FromId == "old");
        Assert.Equal((0, 1), (ended.Live, ended.Weight));
        Assert.DoesNotContain(TrafficPairs.Of(document, TimeSpan.FromMinutes(1), Now), p => p.FromId == "old");
    }
}
