using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Benchmarks;

/// <summary>
/// What one daemon event costs the store: rebuilding the model from the cached observation, diffing it with the
/// previous revision, and serialising the document for GET /api/topology — on synthetic topologies.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RuntimeMoniker.Net10_0, warmupCount: 3, iterationCount: 10)]
public class TopologyBenchmarks
{
    private DaemonObservation _observation = null!;
    private DaemonObservation _changed = null!;
    private TopologySnapshot _snapshot = null!;
    private TopologySnapshot _next = null!;

    [Params(100, 300, 1000)]
    public int Containers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var daemon = DemoDaemon.Synthetic(Containers);
        _observation = daemon.Observe();
        daemon.Step(); // one container stops: the typical single event
        _changed = daemon.Observe();
        _snapshot = TopologyBuilder.Build([_observation], 1, DateTimeOffset.UnixEpoch);
        _next = TopologyBuilder.Build([_changed], 2, DateTimeOffset.UnixEpoch);
    }

    [Benchmark]
    public TopologySnapshot Build() => TopologyBuilder.Build([_changed], 2, DateTimeOffset.UnixEpoch);

    [Benchmark]
    public TopologyDelta Diff() => TopologyDiff.Compute(_snapshot, _next);

    [Benchmark]
    public TopologyDelta BuildAndDiff() => TopologyDiff.Compute(_snapshot, TopologyBuilder.Build([_changed], 2, DateTimeOffset.UnixEpoch));

    [Benchmark]
    public byte[] SerializeDocument() => TopologyJson.SerializeToUtf8(_next);
}
