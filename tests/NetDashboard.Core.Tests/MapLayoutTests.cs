using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests;

public class MapLayoutTests
{
    private static TopologyGraph Graph(DemoDaemon daemon) =>
        TopologyGraphBuilder.Build(TopologyBuilder.Build([daemon.Observe()], 1, DateTimeOffset.UnixEpoch));

    private static void AssertNoOverlaps(TopologyGraph graph, MapLayoutResult layout)
    {
        var boxes = graph.Nodes.Select(n => (n.Id, Rect: new MapRect(layout.Nodes[n.Id].X, layout.Nodes[n.Id].Y, MapLayout.SizeOf(n.Kind).Width, MapLayout.SizeOf(n.Kind).Height))).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i].Rect, boxes[j].Rect);
                var overlap = a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;
                Assert.False(overlap, $"{boxes[i].Id} overlaps {boxes[j].Id}");
            }
        }
        foreach (var n in graph.Nodes.Where(n => n.RegionId is not null))
        {
            var group = layout.Regions[n.RegionId!];
            var p = layout.Nodes[n.Id];
            Assert.True(p.X >= group.X && p.X + MapLayout.SizeOf(n.Kind).Width <= group.Right && p.Y >= group.Y && p.Y + MapLayout.SizeOf(n.Kind).Height <= group.Bottom,
                $"{n.Id} is outside its region");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    [InlineData(1000)]
    public void Every_node_is_placed_inside_its_region_without_overlap(int containers)
    {
        var graph = Graph(DemoDaemon.Synthetic(containers));
        var layout = MapLayout.Compute(graph);
        Assert.Equal(graph.Nodes.Length, layout.Nodes.Count);
        Assert.Equal(graph.Regions.Length, layout.Regions.Count);
        AssertNoOverlaps(graph, layout);
    }

    [Fact]
    public void The_same_input_gives_the_same_layout()
    {
        var a = MapLayout.Compute(Graph(DemoDaemon.Seed()));
        var b = MapLayout.Compute(Graph(DemoDaemon.Seed()));
        Assert.Equal(a.Nodes.OrderBy(kv => kv.Key), b.Nodes.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Adding_or_removing_one_container_moves_nothing_else()
    {
        var snapshot = TopologyBuilder.Build([DemoDaemon.Synthetic(60).Observe()], 1, DateTimeOffset.UnixEpoch);
        var first = MapLayout.Compute(TopologyGraphBuilder.Build(snapshot));

        var template = snapshot.Containers.First(c => c.NetworkMode.Kind == NetworkModeKind.Network);
        var newcomer = template with { Id = "newcomer", Name = "aaa-first-by-name" };
        var grown = snapshot with { Containers = snapshot.Containers.Add(newcomer) };
        var second = MapLayout.Compute(TopologyGraphBuilder.Build(grown), first.State);
        foreach (var (id, point) in first.Nodes)
        {
            Assert.Equal(point, second.Nodes[id]);
        }

        var gone = snapshot.Containers[10];
        var shrunk = grown with { Containers = grown.Containers.Remove(gone) };
        var third = MapLayout.Compute(TopologyGraphBuilder.Build(shrunk), second.State);
        foreach (var (id, point) in third.Nodes)
        {
            Assert.Equal(second.Nodes[id], point);
        }
        Assert.False(third.Nodes.ContainsKey(TopologyGraphBuilder.ContainerNodeId(gone.HostId, gone.Id)));
    }
}
