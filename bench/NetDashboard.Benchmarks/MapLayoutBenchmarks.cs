using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Benchmarks;

/// <summary>The map's own cost: projecting a snapshot onto regions/nodes/edges and laying it out, fresh and incremental.</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(RuntimeMoniker.Net10_0, warmupCount: 3, iterationCount: 10)]
public class MapLayoutBenchmarks
{
    private TopologySnapshot _snapshot = null!;
    private TopologyGraph _graph = null!;
    private MapLayoutState _state = null!;

    [Params(100, 300, 1000)]
    public int Containers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = TopologyBuilder.Build([DemoDaemon.Synthetic(Containers).Observe()], 1, DateTimeOffset.UnixEpoch);
        _graph = TopologyGraphBuilder.Build(_snapshot);
        _state = MapLayout.Compute(_graph).State;
    }

    [Benchmark]
    public TopologyGraph Graph() => TopologyGraphBuilder.Build(_snapshot);

    [Benchmark]
    public MapLayoutResult LayoutFresh() => MapLayout.Compute(_graph);

    [Benchmark]
    public MapLayoutResult LayoutIncremental() => MapLayout.Compute(_graph, _state);

    [Benchmark]
    public MapLayoutResult GraphAndLayoutCollapsed() =>
        MapLayout.Compute(TopologyGraphBuilder.Build(_snapshot, new MapOptions { Collapsed = TopologyGraphBuilder.DefaultCollapsed(_snapshot) }), _state);
}
