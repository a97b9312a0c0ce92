using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;
using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Kernel;

namespace NetDashboard.Benchmarks;

/// <summary>
/// The traffic collection's cost per round (one round a second by default, so the time of a round is the CPU it takes
/// per second): 200 containers and 2,000 tracked connections, fed to the real reader as recorded kernel text in a /proc
/// tree of its own (the daemon's <c>net/nf_conntrack</c> and each container's <c>net/tcp</c>, <c>tcp6</c>, <c>udp</c>,
/// <c>udp6</c>), then attributed, cross-checked and merged with the previous round (<see cref="TrafficAssembler"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(RuntimeMoniker.Net10_0, warmupCount: 3, iterationCount: 10)]
public class TrafficBenchmarks
{
    private const int Flows = 2000;
    private string _proc = null!;
    private TopologySnapshot _snapshot = null!;
    private TrafficTarget _target = null!;
    private ConntrackReader _reader = null!;
    private TrafficRead _read = null!;
    private TrafficLedger _ledger = TrafficLedger.Empty;

    [Params(200)]
    public int Containers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = TopologyBuilder.Build([DemoDaemon.Synthetic(Containers).Observe()], 1, DateTimeOffset.UnixEpoch);
        _proc = Path.Combine(Path.GetTempPath(), "nd-traffic-bench-" + Guid.NewGuid().ToString("N"));
        var running = _snapshot.Containers.Where(c => c.IsRunning && c.Endpoints.Any(e => e.Ipv4 is not null)).ToList();
        var byNetwork = running.GroupBy(c => c.Endpoints.First(e => e.Ipv4 is not null).NetworkId).Select(g => g.ToList()).Where(g => g.Count > 1).ToList();

        // 2,000 connections between containers of the same network: client port, server port 80..89, 1 in 10 UDP.
        var conntrack = new StringBuilder();
        for (var i = 0; i < Flows; i++)
        {
            var group = byNetwork[i % byNetwork.Count];
            var (from, to) = (Address(group[i % group.Count]), Address(group[(i / 7 + 1) % group.Count]));
            var (sport, dport) = (30000 + i, 80 + i % 10);
            conntrack.Append(i % 10 == 0
                ? $"ipv4     2 udp      17 28 src={from} dst={to} sport={sport} dport={dport} src={to} dst={from} sport={dport} dport={sport} mark=0 zone=0 use=2\n"
                : $"ipv4     2 tcp      6 431997 ESTABLISHED src={from} dst={to} sport={sport} dport={dport} src={to} dst={from} sport={dport} dport={sport} [ASSURED] mark=0 zone=0 use=2\n");
        }
        Write(Path.Combine(_proc, "self", "net", "nf_conntrack"), conntrack.ToString());

        // Each container's namespace: a listener on 80, Docker's DNS, and ten established sockets.
        var namespaces = new List<NamespaceProcess>();
        for (var i = 0; i < _snapshot.Containers.Length && namespaces.Count < Containers; i++)
        {
            var c = _snapshot.Containers[i];
            var pid = 10000 + i;
            namespaces.Add(new NamespaceProcess(c.Id, pid));
            var net = Path.Combine(_proc, pid.ToString(CultureInfo.InvariantCulture), "net");
            var tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
            tcp.Append("   0: 0B00007F:99C3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2367012 1 0000000091f73607 100 0 0 10 0\n");
            tcp.Append("   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2367013 1 0000000091f73607 100 0 0 10 0\n");
            for (var s = 0; s < 10; s++)
            {
                tcp.Append($"   {s + 2}: 030012AC:{0x7530 + s:X4} 020012AC:0050 01 00000000:00000000 00:00000000 00000000     0        0 {2367100 + s} 1 0000000091f73607 20 0 0 10 -1\n");
            }
            Write(Path.Combine(net, "tcp"), tcp.ToString());
            Write(Path.Combine(net, "tcp6"), "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
            Write(Path.Combine(net, "udp"), "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n 123: 0B00007F:A2B1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2367011 2 00000000b2f4e1b3 0\n");
            Write(Path.Combine(net, "udp6"), "   sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
        }
        _reader = new ConntrackReader(_proc);
        _target = new TrafficTarget(_snapshot.Hosts[0].Id, null, [.. namespaces], 5000);
        _read = _reader.ReadAsync(_target, CancellationToken.None).GetAwaiter().GetResult();
        if (_read.Connections?.Count != Flows || _read.Sockets.Count != Containers)
        {
            throw new InvalidOperationException($"The recorded /proc tree reads as {_read.Connections?.Count} connections and {_read.Sockets.Count} namespaces.");
        }
        _ledger = Assemble(_read, _ledger, DateTimeOffset.UnixEpoch).Ledger; // steady state: the flows were seen before
        var flows = Assemble(_read, _ledger, DateTimeOffset.UnixEpoch).Document.Flows.Length;
        Console.WriteLine($"// {flows} flows attributed from {Flows} tracked connections, {Containers} container namespaces");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_proc, recursive: true);

    /// <summary>One whole round: read and parse the kernel's text, attribute, cross-check, merge.</summary>
    [Benchmark]
    public TrafficDocument Round()
    {
        var read = _reader.ReadAsync(_target, CancellationToken.None).GetAwaiter().GetResult();
        return Assemble(read, _ledger, DateTimeOffset.UnixEpoch.AddSeconds(1)).Document;
    }

    /// <summary>Its reading and parsing part alone.</summary>
    [Benchmark]
    public TrafficRead Read() => _reader.ReadAsync(_target, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Its attribution, cross-check and merge part alone.</summary>
    [Benchmark]
    public TrafficDocument Attribute() => Assemble(_read, _ledger, DateTimeOffset.UnixEpoch.AddSeconds(1)).Document;

    private (TrafficDocument Document, TrafficLedger Ledger) Assemble(TrafficRead read, TrafficLedger ledger, DateTimeOffset now) =>
        TrafficAssembler.Assemble(_snapshot, [read], [], ledger, now, TimeSpan.FromMinutes(15), 10000);

    private static string Address(ContainerInfo c) => c.Endpoints.First(e => e.Ipv4 is not null).Ipv4!;

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
