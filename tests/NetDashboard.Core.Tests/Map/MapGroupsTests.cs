using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests.Map;

public class MapGroupsTests
{
    /// <summary>The seed, with web + web-sidecar in compose project "front" and db, api, worker in "shop".</summary>
    private static TopologySnapshot Composed()
    {
        var seed = TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);
        string? ProjectOf(string name) => name switch
        {
            "web" or "web-sidecar" => "front",
            "db" or "api" or "worker" => "shop",
            _ => null,
        };
        return seed with
        {
            Containers = [.. seed.Containers.Select(c => ProjectOf(c.Name) is { } project
                ? c with { Labels = c.Labels.SetItem(MapGroups.ComposeProjectLabel, project).SetItem(MapGroups.ComposeServiceLabel, c.Name) }
                : c)],
        };
    }

    private static string Node(TopologySnapshot s, string name) => TopologyGraphBuilder.ContainerNodeId("demo", s.FindContainer(name)!.Id);

    [Fact]
    public void A_container_is_grouped_by_its_compose_project_else_its_swarm_service_else_not_at_all()
    {
        var plain = new ContainerInfo
        {
            Id = "c1", HostId = "h", Name = "c1", Image = "i", State = "running",
            NetworkMode = new NetworkModeInfo { Kind = NetworkModeKind.Bridge, Raw = "bridge" },
        };
        var task = plain with { Service = new ServiceRef { Id = "s1", Name = "api", TaskId = "t1" } };

        Assert.Null(MapGroups.KeyOf(plain));
        Assert.Equal("service:api", MapGroups.KeyOf(task));
        Assert.Equal("project:shop", MapGroups.KeyOf(task with { Labels = task.Labels.Add(MapGroups.ComposeProjectLabel, "shop") }));
        Assert.Equal("service:api", MapGroups.KeyOf(task with { Labels = task.Labels.Add(MapGroups.ComposeProjectLabel, " ") }));
        Assert.Equal("shop", MapGroups.NameOf("project:shop"));
        Assert.Equal("compose project", MapGroups.KindOf("project:shop"));
        Assert.Equal("service", MapGroups.KindOf("service:api"));
    }

    [Fact]
    public void A_collapsed_project_is_one_node_with_its_count_states_and_networks_and_one_link_per_far_end()
    {
        var snapshot = Composed();
        var graph = TopologyGraphBuilder.Build(snapshot, new MapOptions { CollapsedGroups = ["project:shop"] });
        var appNet = snapshot.FindNetwork("app-net")!;
        var backend = snapshot.FindNetwork("backend")!;

        var group = Assert.Single(graph.Nodes, n => n.Kind == MapNodeKind.Group);
        Assert.Equal(MapGroups.GroupNodeId("demo", "project:shop"), group.Id);
        Assert.Equal(("shop", 3, "3 running"), (group.Label, group.Count, group.State));
        Assert.Equal("compose project · app-net, backend", group.Detail);
        Assert.Equal(TopologyGraphBuilder.NetworkRegionId("demo", appNet.Id), group.RegionId);
        Assert.DoesNotContain(graph.Nodes, n => n.Label is "db" or "api" or "worker");
        Assert.Contains(graph.Nodes, n => n.Label == "web"); // another project, not collapsed

        // db, api and worker had three endpoints on app-net, one on backend and api's published port: now one link each.
        var links = graph.Edges.Where(e => e.SourceId == group.Id || e.TargetId == group.Id).ToList();
        Assert.Equal(
            [(MapEdgeKind.Endpoint, TopologyGraphBuilder.NetworkNodeId("demo", appNet.Id)), (MapEdgeKind.Endpoint, TopologyGraphBuilder.NetworkNodeId("demo", backend.Id)), (MapEdgeKind.PublishedPort, "host:demo")],
            links.Select(e => (e.Kind, e.SourceId == group.Id ? e.TargetId : e.SourceId)).OrderBy(x => x.Item1).ThenBy(x => x.Item2, StringComparer.Ordinal));
        Assert.All(links, e => Assert.Null(e.Label));
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.SourceId) && ids.Contains(e.TargetId), e.Id));

        // Expanded (not collapsed): the containers and their own links, as without grouping.
        Assert.Equal(TopologyGraphBuilder.Build(snapshot with { Containers = [.. snapshot.Containers.Select(c => c with { Labels = ImmutableSortedDictionary<string, string>.Empty })] }).Edges.Select(e => e.Id),
            TopologyGraphBuilder.Build(snapshot).Edges.Select(e => e.Id));
    }

    [Fact]
    public void A_link_inside_a_group_disappears_and_stopped_members_are_counted()
    {
        var snapshot = Composed() with { Containers = [.. Composed().Containers.Select(c => c.Name == "worker" ? c with { State = "exited" } : c)] };

        var graph = TopologyGraphBuilder.Build(snapshot, new MapOptions { CollapsedGroups = ["project:front", "project:shop"] });

        var front = graph.Nodes.Single(n => n.Id == MapGroups.GroupNodeId("demo", "project:front"));
        Assert.Equal(2, front.Count);
        Assert.DoesNotContain(graph.Edges, e => e.Kind == MapEdgeKind.SharesNamespace); // web-sidecar shares web's namespace: inside "front"
        var shop = graph.Nodes.Single(n => n.Id == MapGroups.GroupNodeId("demo", "project:shop"));
        Assert.Equal(("2 running · 1 stopped", false), (shop.State, shop.Dimmed));
        Assert.Contains(graph.Nodes, n => n.Label == "monitor"); // no project: drawn as before
        Assert.Contains(graph.Nodes, n => n.Label == "batch");
    }

    [Fact]
    public void A_group_takes_a_slot_in_its_region_like_a_container()
    {
        var snapshot = Composed();
        var graph = TopologyGraphBuilder.Build(snapshot, new MapOptions { CollapsedGroups = ["project:shop"] });
        var layout = MapLayout.Compute(graph);
        var group = graph.Nodes.Single(n => n.Kind == MapNodeKind.Group);
        var at = layout.Nodes[group.Id];
        var region = layout.Regions[group.RegionId!];
        Assert.InRange(at.X, region.X, region.Right - MapLayout.ContainerWidth);
        Assert.InRange(at.Y, region.Y, region.Bottom - MapLayout.ContainerHeight);
        Assert.True(layout.State.Slots.ContainsKey(group.Id));
    }

    [Fact]
    public void Above_the_limit_every_project_and_service_of_two_or_more_starts_collapsed()
    {
        Assert.Empty(MapGroups.DefaultCollapsed(Composed(), MapOptions.DefaultGroupAbove));
        Assert.Equal(["project:front", "project:shop"], MapGroups.DefaultCollapsed(Composed(), 5).Order(StringComparer.Ordinal));

        var big = TopologyBuilder.Build([DemoDaemon.Synthetic(300).Observe()], 1, DateTimeOffset.UnixEpoch);
        var groups = MapGroups.DefaultCollapsed(big, MapOptions.DefaultGroupAbove);
        Assert.Contains("project:monitoring", groups);
        Assert.Contains("project:edge", groups);
        Assert.Equal(big.Containers.Select(MapGroups.KeyOf).OfType<string>().Distinct().Count(), groups.Count);
        Assert.Empty(MapGroups.DefaultCollapsed(TopologyBuilder.Build([DemoDaemon.Synthetic(300, compose: false).Observe()], 1, DateTimeOffset.UnixEpoch), 10));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public void On_a_large_map_every_container_is_drawn_or_counted_once(int containers)
    {
        var big = TopologyBuilder.Build([DemoDaemon.Synthetic(containers).Observe()], 1, DateTimeOffset.UnixEpoch);
        var options = new MapOptions
        {
            Collapsed = TopologyGraphBuilder.DefaultCollapsed(big),
            CollapsedGroups = MapGroups.DefaultCollapsed(big, MapOptions.DefaultGroupAbove),
        };
        var graph = TopologyGraphBuilder.Build(big, options);
        var expandedNetworks = TopologyGraphBuilder.Build(big, options with { Collapsed = ImmutableHashSet<string>.Empty });

        Assert.Equal(containers, graph.Nodes.Where(n => n.Kind == MapNodeKind.Container).Count()
                                 + graph.Nodes.Where(n => n.Kind is MapNodeKind.CollapsedNetwork or MapNodeKind.Group).Sum(n => n.Count ?? 0));
        Assert.Equal(containers, expandedNetworks.Nodes.Where(n => n.Kind == MapNodeKind.Container).Count()
                                 + expandedNetworks.Nodes.Where(n => n.Kind == MapNodeKind.Group).Sum(n => n.Count ?? 0));
        // Grouped, the map with every network expanded still draws a few nodes per network, not every container.
        Assert.True(expandedNetworks.Nodes.Length < containers / 4, $"{expandedNetworks.Nodes.Length} nodes");
    }
}
