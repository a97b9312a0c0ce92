using System.Collections.Immutable;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Tests.Swarm;

/// <summary>
/// The merge of a swarm's nodes, on what the real observer read from a real 3-node swarm (Recordings/swarm-3node: sw1
/// the manager, sw2 and sw3 workers; overlay ndov 10.231.60.0/24; dnsrr service ndweb, one task per node; plainN on
/// each node on ndov; a local bridge ndlocal on sw1 and sw2).
/// </summary>
public sealed class SwarmMergeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 22, 0, 0, TimeSpan.Zero);

    private static DaemonObservation Recorded(string node) =>
        TopologyJson.Deserialize<DaemonObservation>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", "swarm-3node", node + ".json")))!;

    private static TopologySnapshot Build(params DaemonObservation[] observations) => TopologyBuilder.Build(observations, 1, At);

    private static readonly DaemonObservation Sw1 = Recorded("sw1"), Sw2 = Recorded("sw2"), Sw3 = Recorded("sw3");

    [Fact]
    public void The_overlay_is_one_network_on_the_three_nodes_with_every_nodes_endpoints()
    {
        var t = Build(Sw3, Sw1, Sw2); // observation order does not matter
        var overlay = Assert.Single(t.Networks, n => n.Name == "ndov");
        Assert.Equal(("sw1", "swarm", "overlay"), (overlay.HostId, overlay.Scope, overlay.Driver));
        Assert.Equal(["sw1", "sw2", "sw3"], overlay.HostIds.ToArray());
        Assert.Single(t.Networks, n => n.Name == "ingress");
        // Each node's own inspect lists only its containers; the document has all six on the one network.
        var attached = t.Containers.Where(c => c.Endpoints.Any(e => e.NetworkId == overlay.Id)).ToList();
        Assert.Equal(["sw1", "sw1", "sw2", "sw2", "sw3", "sw3"], attached.Select(c => c.HostId).Order());
        Assert.Equal(6, attached.Select(c => c.Endpoints.Single(e => e.NetworkId == overlay.Id).Ipv4).Distinct().Count());
        // Local networks stay per host: three default bridges, two ndlocal with two ids.
        Assert.Equal(["sw1", "sw2", "sw3"], t.Networks.Where(n => n.Name == "bridge").Select(n => n.HostId));
        var locals = t.Networks.Where(n => n.Name == "ndlocal").ToList();
        Assert.Equal(["sw1", "sw2"], locals.Select(n => n.HostId));
        Assert.NotEqual(locals[0].Id, locals[1].Id);
        Assert.All(t.Networks.Where(n => !n.IsSwarmScope), n => Assert.Equal([n.HostId], n.HostIds.ToArray()));
    }

    [Fact]
    public void Hosts_carry_their_swarm_node_and_the_workers_learn_their_cluster_from_the_manager()
    {
        var t = Build(Sw1, Sw2, Sw3);
        var swarm = t.Hosts.ToDictionary(h => h.Id, h => h.Swarm!);
        Assert.Equal(["manager", "worker", "worker"], swarm.OrderBy(p => p.Key).Select(p => p.Value.Role));
        Assert.Equal(Sw1.Host.Swarm!.ClusterId, Assert.Single(swarm.Values.Select(s => s.ClusterId).Distinct()));
        Assert.Empty(Sw2.Host.Swarm!.ClusterId); // a worker's /info names no cluster
        Assert.All(swarm, p => Assert.Equal((p.Key, "active", "ready"), (p.Value.Hostname!, p.Value.Availability!, p.Value.State!)));

        // Without a watched manager: the workers are still nodes, but nobody tells their cluster, state or services.
        var workersOnly = Build(Sw2, Sw3);
        Assert.All(workersOnly.Hosts, h => Assert.Equal(("worker", "", null), (h.Swarm!.Role, h.Swarm.ClusterId, h.Swarm.State)));
        Assert.Empty(workersOnly.Services);
        var overlay = Assert.Single(workersOnly.Networks, n => n.Name == "ndov");
        Assert.Equal(("sw2", "sw2,sw3"), (overlay.HostId, string.Join(",", overlay.HostIds)));
    }

    [Fact]
    public void The_service_has_its_three_tasks_placed_on_their_hosts_and_their_containers_point_back()
    {
        var t = Build(Sw1, Sw2, Sw3);
        var service = Assert.Single(t.Services);
        Assert.Equal(("ndweb", "replicated", 3L, "dnsrr"), (service.Name, service.Mode, service.Replicas!.Value, service.EndpointMode));
        Assert.Empty(service.VirtualIps);
        Assert.Equal(["sw1", "sw2", "sw3"], service.Tasks.Select(k => k.HostId!).Order());
        foreach (var task in service.Tasks)
        {
            var container = t.Containers.Single(c => c.Id == task.ContainerId);
            Assert.Equal((task.HostId, service.Id, task.Id), (container.HostId, container.Service!.Id, container.Service.TaskId));
            Assert.Equal(container.Endpoints.Single(e => e.NetworkName == "ndov").Ipv4 + "/24", Assert.Single(task.Addresses).Address);
        }
        Assert.All(t.Containers.Where(c => c.Name.StartsWith("plain", StringComparison.Ordinal)), c => Assert.Null(c.Service));

        // ?host= narrows the service to that host's task; the overlay stays, with all its nodes.
        var sw2 = t.ForHost("sw2");
        Assert.Equal("sw2", Assert.Single(Assert.Single(sw2.Services).Tasks).HostId);
        Assert.Equal(3, Assert.Single(sw2.Networks, n => n.Name == "ndov").HostIds.Length);
        Assert.DoesNotContain(sw2.Networks, n => n.HostId != "sw2" && !n.IsSwarmScope);
    }

    [Fact]
    public void When_the_first_node_goes_the_overlay_is_upserted_under_the_next_one_never_removed()
    {
        var before = Build(Sw1, Sw2, Sw3);
        var after = TopologyBuilder.Build([Sw2, Sw3], 2, At);
        var delta = TopologyDiff.Compute(before, after);
        var overlayId = before.Networks.Single(n => n.Name == "ndov").Id;
        Assert.DoesNotContain(overlayId, delta.Removed.Networks);
        var upserted = Assert.Single(delta.Upserted.Networks, n => n.Id == overlayId);
        Assert.Equal(("sw2", 2), (upserted.HostId, upserted.HostIds.Length));
        Assert.Contains(before.Services.Single().Id, delta.Removed.Services); // no manager watched any more
        // A client applying the delta holds exactly the new document, the overlay once.
        Assert.True(TopologyDiff.SameContent(after, TopologyDiff.Apply(before, delta)));
        Assert.Single(TopologyDiff.Apply(before, delta).Networks, n => n.Id == overlayId);
    }

    [Fact]
    public void A_stopped_node_keeps_the_overlay_whole_while_its_last_read_is_shown_stale()
    {
        var stale = Sw3 with { Host = Sw3.Host with { Connected = false, Error = "gone", LastSeenAt = At } };
        var t = Build(Sw1, Sw2, stale);
        var overlay = Assert.Single(t.Networks, n => n.Name == "ndov");
        Assert.Equal(["sw1", "sw2", "sw3"], overlay.HostIds.ToArray());
        Assert.Equal(6, t.Containers.Count(c => c.Endpoints.Any(e => e.NetworkId == overlay.Id)));
        Assert.True(t.Hosts.Single(h => h.Id == "sw3").Stale);
    }

    [Fact]
    public void Service_names_say_what_they_resolve_to_for_dnsrr_and_for_a_virtual_ip()
    {
        var t = Build(Sw1, Sw2, Sw3);
        var overlay = t.Networks.Single(n => n.Name == "ndov");
        var task = t.Containers.First(c => c.Service is not null);
        var dnsrr = ServiceNames.Of(t, task, [overlay])!.Value;
        Assert.Equal(["ndweb", "tasks.ndweb"], dnsrr.Names.ToArray());
        Assert.Contains("\"ndweb\" resolves to the addresses of its 3 running tasks in turn (dnsrr, no virtual IP)", dnsrr.Sentence);

        var service = t.Services.Single();
        var vip = t with { Services = [service with { EndpointMode = "vip", VirtualIps = [new NetworkAddress { NetworkId = overlay.Id, Address = "10.231.60.5/24" }] }] };
        Assert.StartsWith("on ndov, \"ndweb\" resolves to VIP 10.231.60.5, balanced over 3 running tasks on sw1, sw2, sw3", ServiceNames.Of(vip, task, [overlay])!.Value.Sentence);
        // A local network shared by name only says nothing about services; a plain container is no service.
        Assert.Null(ServiceNames.Of(t, task, t.Networks.Where(n => n.Name == "ndlocal")));
        Assert.Null(ServiceNames.Of(t, t.Containers.First(c => c.Service is null), [overlay]));
    }

    [Fact]
    public void The_map_draws_the_overlay_once_spanning_its_hosts_with_every_container_attached_and_tasks_grouped_by_service()
    {
        var t = Build(Sw1, Sw2, Sw3);
        var overlay = t.Networks.Single(n => n.Name == "ndov");
        var graph = TopologyGraphBuilder.Build(t);
        // One region and one network node for the overlay, spanning the three nodes; named after the network's own host.
        var region = Assert.Single(graph.Regions, r => r.NetworkId == overlay.Id);
        Assert.Equal((overlay.HostId, true), (region.HostId, region.Spans));
        Assert.Equal(["sw1", "sw2", "sw3"], region.HostIds.Order());
        Assert.Contains("swarm network across sw1, sw2, sw3", region.Detail);
        Assert.Equal(6, region.ContainerCount); // a task and a plain container per node
        var networkNode = TopologyGraphBuilder.NetworkNodeId(overlay.HostId, overlay.Id);
        Assert.Single(graph.Nodes, n => n.RefId == overlay.Id);
        foreach (var host in new[] { "sw1", "sw2", "sw3" })
        {
            // Both containers of each host on the overlay are joined to its one node (no edge dropped).
            var attached = t.Containers.Where(c => c.HostId == host && c.Endpoints.Any(e => e.NetworkId == overlay.Id))
                .Select(c => TopologyGraphBuilder.ContainerNodeId(host, c.Id)).ToHashSet();
            Assert.Equal(2, attached.Count);
            Assert.All(attached, id => Assert.Contains(graph.Edges, e => (e.SourceId == id && e.TargetId == networkNode) || (e.TargetId == id && e.SourceId == networkNode)));
        }
        var tasks = graph.Nodes.Where(n => n.Service == "ndweb").ToList();
        Assert.Equal(["sw1", "sw2", "sw3"], tasks.Select(n => n.HostId).Order());
        // A task's mode says "default", but it lives on the overlay: drawn in the overlay's region, not the bridge's.
        Assert.All(tasks, n => Assert.Equal(region.Id, n.RegionId));
        Assert.All(tasks, n => Assert.EndsWith("· service ndweb", n.Detail));

        // Laid out once, beside the three host bands, from the first band's top to the last band's bottom; each host's
        // containers inside it, in host order, no two on one spot; the local networks stay inside their own host's band.
        var layout = MapLayout.Compute(graph);
        var rect = layout.Regions[region.Id];
        var hostTops = new[] { "sw1", "sw2", "sw3" }.Select(h => layout.Nodes[TopologyGraphBuilder.HostNodeId(h)].Y).ToArray();
        Assert.Equal(hostTops.Min(), rect.Y);
        Assert.All(graph.Regions.Where(r => !r.Spans), r => Assert.True(layout.Regions[r.Id].Right < rect.X, $"{r.Label} overlaps the overlay"));
        var members = graph.Nodes.Where(n => n.RegionId == region.Id && n.Kind == MapNodeKind.Container).Select(n => (n.HostId, At: layout.Nodes[n.Id])).ToList();
        Assert.Equal(6, members.Select(m => m.At).Distinct().Count());
        Assert.All(members, m => Assert.True(m.At.X >= rect.X && m.At.X + MapLayout.ContainerWidth <= rect.Right && m.At.Y > rect.Y && m.At.Y + MapLayout.ContainerHeight <= rect.Bottom));
        Assert.True(members.Where(m => m.HostId == "sw1").Max(m => m.At.Y) < members.Where(m => m.HostId == "sw2").Min(m => m.At.Y));
        Assert.True(members.Where(m => m.HostId == "sw2").Max(m => m.At.Y) < members.Where(m => m.HostId == "sw3").Min(m => m.At.Y));
        Assert.True(layout.Bounds.Right >= rect.Right && layout.Bounds.Bottom >= rect.Bottom);

        // Filtered to one host, the overlay is that host's own region again.
        var one = TopologyGraphBuilder.Build(t with { Hosts = [.. t.Hosts.Where(h => h.Id == "sw2")], Containers = [.. t.Containers.Where(c => c.HostId == "sw2")] });
        var own = Assert.Single(one.Regions, r => r.NetworkId == overlay.Id);
        Assert.Equal(("sw2", false), (own.HostId, own.Spans));
    }
}
