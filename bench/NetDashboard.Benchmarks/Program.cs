using BenchmarkDotNet.Running;

// The web app (referenced for its PNG renderer) has a public Program of its own: name this assembly by a benchmark.
if (args is ["traffic-cpu", ..])
{
    NetDashboard.Benchmarks.TrafficCpu.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(NetDashboard.Benchmarks.TopologyBenchmarks).Assembly).Run(args);
