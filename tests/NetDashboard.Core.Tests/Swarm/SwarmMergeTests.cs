using System.Collections.Immutable;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Diff;
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
    public void The_map_draws_the_overlay_in_each_of_its_hosts_with_every_container_attached_and_tasks_grouped_by_service()
    {
        var t = Build(Sw1, Sw2, Sw3);
        var overlay = t.Networks.Single(n => n.Name == "ndov");
        var graph = NetDashboard.Core.Map.TopologyGraphBuilder.Build(t);
        foreach (var host in new[] { "sw1", "sw2", "sw3" })
        {
            var region = Assert.Single(graph.Regions, r => r.HostId == host && r.NetworkId == overlay.Id);
            Assert.Contains("swarm network across sw1, sw2, sw3", region.Detail);
            var networkNode = NetDashboard.Core.Map.TopologyGraphBuilder.NetworkNodeId(host, overlay.Id);
            // Both containers of the host on the overlay are joined to its overlay node (no edge dropped).
            var attached = t.Containers.Where(c => c.HostId == host && c.Endpoints.Any(e => e.NetworkId == overlay.Id))
                .Select(c => NetDashboard.Core.Map.TopologyGraphBuilder.ContainerNodeId(host, c.Id)).ToHashSet();
            Assert.Equal(2, attached.Count);
            Assert.All(attached, id => Assert.Contains(graph.Edges, e => (e.SourceId == id && e.TargetId == networkNode) || (e.TargetId == id && e.SourceId == networkNode)));
        }
        var tasks = graph.Nodes.Where(n => n.Service == "ndweb").ToList();
        Assert.Equal(["sw1", "sw2", "sw3"], tasks.Select(n => n.HostId).Order());
        // A task's mode says "default", but it lives on the overlay: drawn in the overlay's region, not the bridge's.
        Assert.All(tasks, n => Assert.Equal(NetDashboard.Core.Map.TopologyGraphBuilder.NetworkRegionId(n.HostId, overlay.Id), n.RegionId));
        Assert.All(tasks, n => Assert.EndsWith("· service ndweb", n.Detail));
    }
}
