using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;

namespace NetDashboard.Benchmarks;

/// <summary>
/// The cost of the insight views: one reachability answer in a large topology, the matrix the UI and
/// /api/reachability/matrix draw (its limit is 200 containers = 40,000 answers), and one NAT path.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(RuntimeMoniker.Net10_0, warmupCount: 3, iterationCount: 10)]
public class InsightBenchmarks
{
    private TopologySnapshot _snapshot = null!;
    private ContainerInfo _from = null!;
    private ContainerInfo _to = null!;
    private ContainerInfo[] _matrix = null!;

    [Params(200, 1000)]
    public int Containers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = TopologyBuilder.Build([DemoDaemon.Synthetic(Containers).Observe()], 1, DateTimeOffset.UnixEpoch);
        var running = _snapshot.Containers.Where(c => c.IsRunning && c.Endpoints.Length > 0).ToArray();
        _from = running[0];
        _to = running[^1];
        _matrix = [.. _snapshot.Containers.Take(200)];
    }

    [Benchmark]
    public ReachabilityReport Pair() => ReachabilityAnalyzer.Analyze(_snapshot, _from, _to);

    [Benchmark]
    public ReachabilityMatrix Matrix200() => ReachabilityMatrix.Build(_snapshot, _matrix);

    [Benchmark]
    public NatPath NatPath() => NatPathBuilder.Build(_snapshot, _from, null, "benchmark");
}
