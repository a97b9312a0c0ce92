using NetDashboard.Core.Traffic;

namespace NetDashboard.Core.Tests.Traffic;

/// <summary>
/// Refused connections, heard from the kernel's event stream (the lines below were printed by <c>conntrack -E -e DESTROY
/// -p tcp</c> here, for busybox <c>nc</c> on a user network): read, folded into one flow per source and destination, and
/// cross-checked with the reachability analysis.
/// </summary>
public class RefusedConnectionTests
{
    /// <summary>nc to a port nothing listened on: "Connection refused".</summary>
    public const string Refused =
        "[DESTROY] tcp      6 120 CLOSE src=172.18.0.3 dst=172.18.0.2 sport=37216 dport=5555 [UNREPLIED] src=172.18.0.2 dst=172.18.0.3 sport=5555 dport=37216";

    /// <summary>A connection that ran and closed.</summary>
    private const string Closed =
        "[DESTROY] tcp      6 119 TIME_WAIT src=172.18.0.3 dst=172.18.0.2 sport=56138 dport=80 src=172.18.0.2 dst=172.18.0.3 sport=80 dport=56138 [ASSURED] [USERSPACE] portid=12409 progname=dockerd";

    /// <summary>A SYN nobody answered, ended by its timeout (the table showed it while it waited).</summary>
    private const string TimedOut =
        "[DESTROY] tcp      6 0 SYN_SENT src=172.18.0.3 dst=172.18.0.2 sport=40003 dport=9999 [UNREPLIED] src=172.18.0.2 dst=172.18.0.3 sport=9999 dport=40003";

    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_a_destroyed_tcp_connection_ended_in_CLOSE_and_never_replied_is_refused()
    {
        var entry = Assert.IsType<ConntrackEntry>(ConntrackEvents.Refused(Refused));
        Assert.Equal(new FlowTuple("172.18.0.3", "172.18.0.2", 37216, 5555), entry.Original);
        Assert.Equal(entry, ConntrackEvents.Refused("[1796686838.698723]\t" + Refused));

        Assert.Null(ConntrackEvents.Refused(Closed));
        Assert.Null(ConntrackEvents.Refused(TimedOut));
        Assert.Null(ConntrackEvents.Refused(Refused.Replace("[DESTROY]", "   [NEW]").Replace("CLOSE", "SYN_SENT")));
        Assert.Null(ConntrackEvents.Refused("conntrack v1.4.7 (conntrack-tools): 2 flow events have been shown."));
        Assert.Null(ConntrackEvents.Refused(""));
    }

    [Fact]
    public void Refused_attempts_fold_into_one_flow_with_their_count_and_a_finding_where_the_analysis_says_reachable()
    {
        var first = Assemble([Attempt(37216, T0)], TrafficLedger.Empty, T0);
        var flow = Assert.Single(first.Document.Flows);
        Assert.Equal((true, false, false, 1, "cli1", "srv1", 5555), (flow.Refused, flow.Live, flow.Replied, flow.Attempts, flow.Source.ContainerId, flow.Destination.ContainerId, flow.Destination.Port));
        var finding = Assert.IsType<TrafficFinding>(flow.Finding);
        Assert.Equal(TrafficFindingCodes.Refused, finding.Code);
        Assert.Equal("cli (172.18.0.3) tried srv (172.18.0.2:5555) over tcp once, and the connection was refused at once (a reset answered it): nothing in srv listens on port 5555, or a firewall rejects it.", finding.Observed);
        Assert.StartsWith("The analysis says cli can reach srv by IP: ", finding.Analysis);

        var later = T0.AddSeconds(2);
        var second = Assemble([Attempt(37220, T0.AddSeconds(1)), Attempt(37224, later)], first.Ledger, later);
        flow = Assert.Single(second.Document.Flows);
        Assert.Equal((3, T0, later, 37224), (flow.Attempts, flow.FirstSeen, flow.LastSeen, flow.Source.Port));
        Assert.Contains("over tcp 3 times", flow.Finding!.Observed);
        Assert.True(TrafficAssembler.Differs(first.Document, second.Document));

        // Nothing new: the flow stays for the window, unchanged; then it goes.
        var quiet = Assemble([], second.Ledger, later.AddMinutes(1));
        Assert.Equal(3, Assert.Single(quiet.Document.Flows).Attempts);
        Assert.Empty(Assemble([], quiet.Ledger, later.AddMinutes(16)).Document.Flows);
    }

    [Fact]
    public void A_refused_attempt_across_networks_the_analysis_already_calls_unreachable_is_no_finding()
    {
        // lone (172.19.0.2, network "other") to srv (172.18.0.2, network "app").
        var entry = ConntrackEvents.Refused(Refused.Replace("src=172.18.0.3", "src=172.19.0.2").Replace("dst=172.18.0.3", "dst=172.19.0.2"))!;
        var flow = Assert.Single(TrafficAssembler.Assemble(TrafficAssemblerTests.Topology, [Read([new RefusedAttempt(entry, T0)])], [],
            TrafficLedger.Empty, T0, TimeSpan.FromMinutes(15), 1000).Document.Flows);
        Assert.Equal(("lone1", "srv1", true), (flow.Source.ContainerId, flow.Destination.ContainerId, flow.Refused));
        Assert.Null(flow.Finding);
    }

    private static RefusedAttempt Attempt(int sourcePort, DateTimeOffset at) =>
        new(ConntrackEvents.Refused(Refused.Replace("37216", sourcePort.ToString(System.Globalization.CultureInfo.InvariantCulture)))!, at);

    private static TrafficRead Read(IReadOnlyList<RefusedAttempt> refused) =>
        new() { HostId = "local", Connections = [], Cap = 1000, Note = "test", Refused = refused };

    private static (TrafficDocument Document, TrafficLedger Ledger) Assemble(IReadOnlyList<RefusedAttempt> refused, TrafficLedger ledger, DateTimeOffset now) =>
        TrafficAssembler.Assemble(TrafficAssemblerTests.Topology, [Read(refused)], [], ledger, now, TimeSpan.FromMinutes(15), 1000);
}
