using NetDashboard.Components.Map;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Components.Tests.Traffic;

/// <summary>Observed traffic on the map (the toggle, edges by activity, the window) and in the side panel.</summary>
public sealed class MapTrafficTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static TrafficFlow Flow(ContainerInfo from, ContainerInfo to, int port, bool live = true, TrafficFinding? finding = null) => new()
    {
        HostId = from.HostId,
        Protocol = "tcp",
        State = live ? "ESTABLISHED" : "TIME_WAIT",
        Source = new FlowEnd { ContainerId = from.Id, ContainerName = from.Name, Address = from.Endpoints[0].Ipv4!, Port = 40000 + port },
        Destination = new FlowEnd { ContainerId = to.Id, ContainerName = to.Name, Address = to.Endpoints[0].Ipv4!, Port = port },
        NetworkId = to.Endpoints[0].NetworkId,
        Via = TrafficVia.Bridge,
        Live = live,
        FirstSeen = Now.AddMinutes(-10),
        LastSeen = live ? Now : Now.AddMinutes(-3),
        Finding = finding,
    };

    [Fact]
    public async Task The_toggle_draws_an_edge_between_the_containers_that_talk_and_it_leaves_with_the_window()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var s = ctx.Store.Current;
        var (api, db) = (s.Container("api"), s.Container("db"));
        ctx.Traffic.Publish(new TrafficDocument { GeneratedAt = Now, Flows = [Flow(api, db, 5432), Flow(api, db, 5433)] });
        var cut = ctx.Render<NetworkMap>();
        Assert.Empty(cut.FindAll("g.nd-traffic")); // off until asked for

        cut.Find("[data-traffic-controls] input").Change(true);

        var edge = cut.WaitForElement($"g.nd-traffic[data-source-container='{api.Id}'][data-target-container='{db.Id}']");
        Assert.Equal("true", edge.GetAttribute("data-live"));
        Assert.Contains("nd-traffic-live", edge.ClassList);
        Assert.Contains("stroke-width:3.4px", edge.QuerySelector("path")!.GetAttribute("style")); // two live connections: weight 2
        Assert.Equal("Traffic: api to db, 2 live connections to 5432/tcp, 5433/tcp (bridge)", edge.GetAttribute("aria-label"));

        // The connections end: the edge stays, faint, while the window still covers them, then leaves.
        ctx.Traffic.Publish(new TrafficDocument { GeneratedAt = Now, Flows = [Flow(api, db, 5432, live: false)] });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("g.nd-traffic"))); // ended 3 minutes ago; the window is the last minute
        cut.Find("[data-traffic-controls] input").Change(false);
        ctx.Traffic.Publish(new TrafficDocument { GeneratedAt = Now, Flows = [Flow(api, db, 5432)] });
        Assert.Empty(cut.FindAll("g.nd-traffic")); // switched off: nothing drawn
    }

    [Fact]
    public async Task The_side_panel_lists_connections_listeners_an_unheard_port_and_a_finding_with_both_reasons()
    {
        await using var ctx = new NetDashboardTestContext();
        var snapshot = MapTestSupport.Snapshot(MapTestSupport.Seed());
        var (api, db) = (snapshot.Container("api"), snapshot.Container("db"));
        var finding = new TrafficFinding
        {
            Code = TrafficFindingCodes.UnexpectedFlow,
            Observed = "The kernel tracks api → db over tcp, answered (ESTABLISHED).",
            Analysis = "The analysis says api cannot reach db by IP: they share no network.",
        };
        ctx.Traffic.Publish(new TrafficDocument
        {
            GeneratedAt = Now,
            Flows = [Flow(api, db, 5432, finding: finding)],
            Listeners = [new TrafficListener { HostId = db.HostId, ContainerId = db.Id, Protocol = "tcp", Address = "0.0.0.0", Port = 5432 }],
            UnheardPorts = [new UnheardPort { HostId = db.HostId, ContainerId = db.Id, ContainerPort = 9000, Protocol = "tcp", HostPort = 9000, HostIp = "0.0.0.0",
                                              Message = "Port 9000/tcp is published on 0.0.0.0:9000, but nothing inside db listens on 9000/tcp." }],
            Hosts = [new TrafficHostStatus { HostId = db.HostId, Read = true, Note = "Read from the dashboard's own network namespace." }],
        });
        var node = TopologyGraphBuilder.Build(snapshot).Nodes.Single(n => n.Kind == MapNodeKind.Container && n.RefId == db.Id);

        var cut = ctx.Render<MapSidePanel>(p => p.Add(x => x.Snapshot, snapshot).Add(x => x.Node, node));

        var flow = cut.Find("[data-section='traffic'] [data-traffic-flow]");
        Assert.StartsWith($"← api ({api.Endpoints[0].Ipv4}:45432/tcp) via bridge, ESTABLISHED", flow.TextContent.Trim());
        var shown = cut.Find("[data-traffic-finding='unexpected-flow']").TextContent;
        Assert.Contains(finding.Observed, shown);
        Assert.Contains(finding.Analysis, shown);
        Assert.Equal("0.0.0.0:5432/tcp", cut.Find("[data-listener='5432/tcp']").TextContent);
        Assert.Contains("nothing inside db listens on 9000/tcp", cut.Find("[data-unheard-port='9000/tcp']").TextContent);

        // A host whose kernel is not read says why instead.
        ctx.Traffic.Publish(new TrafficDocument { GeneratedAt = Now, Hosts = [new TrafficHostStatus { HostId = db.HostId, Read = false, Note = "Host demo is a remote daemon: its kernel's connection tracking is out of reach." }] });
        cut.WaitForAssertion(() => Assert.Equal("Host demo is a remote daemon: its kernel's connection tracking is out of reach.", cut.Find("[data-traffic-note]").TextContent));

        // Gone from the page: its subscription goes too.
        Assert.Equal(1, ctx.Traffic.SubscriberCount);
        await ctx.DisposeComponentsAsync();
        Assert.Equal(0, ctx.Traffic.SubscriberCount);
    }
}
