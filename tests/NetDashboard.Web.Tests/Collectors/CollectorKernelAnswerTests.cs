using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.CollectorMode;
using NetDashboard.Collectors;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Serialization;
using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Connection;
using NetDashboard.Hubs;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// The collector's side of the kernel reads, without a kernel: what it asks its readers (its own daemon's socket,
/// whatever the dashboard's request), how it speaks (as the collector), what it answers for a daemon whose kernel it
/// cannot read; and that both answers survive the trip (the collector's JSON in, the dashboard's hub JSON out).
/// </summary>
public sealed class CollectorKernelAnswerTests
{
    private static readonly DockerEndpoint LocalSocket = DockerEndpoint.Resolve("unix:///run/c1/docker.sock", null, null);

    [Fact]
    public async Task The_readers_are_aimed_at_the_collectors_own_daemon_and_their_sentences_speak_as_the_collector()
    {
        var nat = new RecordingNat(new NatTableRead(null, "the network namespace of dockerd (pid 9) cannot be read (the dashboard needs root, or CAP_SYS_PTRACE)", null));
        var traffic = new RecordingTraffic();
        var kernel = new CollectorKernel("c1", LocalSocket, nat, traffic, NullLogger.Instance);

        var read = await kernel.ReadNatAsync(new NatReadRequest("nftables"), CancellationToken.None);
        Assert.Equal(new NatTableTarget("/run/c1/docker.sock", "nftables"), nat.Asked);
        Assert.Equal("the network namespace of dockerd (pid 9) cannot be read (the collector needs root, or CAP_SYS_PTRACE)", read.Error);

        nat.Answer = new NatTableRead(new NatRules { HasDockerRules = true }, null, "iptables-save") { Namespace = "the dashboard's own network namespace, which dockerd (pid 9) shares" };
        Assert.Equal("the collector's own network namespace, which dockerd (pid 9) shares", (await kernel.ReadNatAsync(new NatReadRequest(null), CancellationToken.None)).Namespace);

        ImmutableArray<NamespaceProcess> namespaces = [new("abc", 4242)];
        var connections = await kernel.ReadTrafficAsync(new TrafficReadRequest(namespaces, 300), CancellationToken.None);
        Assert.Equal(("c1", "/run/c1/docker.sock", 300), (traffic.Asked!.HostId, traffic.Asked.DaemonSocket, traffic.Asked.MaxFlows));
        Assert.Equal(namespaces.ToArray(), traffic.Asked.Namespaces.ToArray());
        Assert.Equal("Read from the collector's own network namespace, which dockerd (pid 9) shares.", connections.Note);
    }

    [Theory]
    [InlineData(null, "the collector of host c1 watches a simulated daemon (--demo): there is no kernel to read")]
    [InlineData("tcp://10.0.0.5:2376", "the collector of host c1 reaches its daemon over tcp://, so the daemon's kernel is out of its reach")]
    public async Task A_collector_whose_daemon_is_not_on_its_own_kernel_says_so_and_reads_nothing(string? endpoint, string why)
    {
        var nat = new RecordingNat(new NatTableRead(null, null, null));
        var traffic = new RecordingTraffic();
        var kernel = new CollectorKernel("c1", endpoint is null ? null : DockerEndpoint.Resolve(endpoint, false, null), nat, traffic, NullLogger.Instance);

        Assert.Equal(why, (await kernel.ReadNatAsync(new NatReadRequest(null), CancellationToken.None)).Error);
        var connections = await kernel.ReadTrafficAsync(new TrafficReadRequest([], 100), CancellationToken.None);
        Assert.Equal((char.ToUpperInvariant(why[0]) + why[1..] + ".", 100, (IReadOnlyList<ConntrackEntry>?)null), (connections.Note, connections.Cap, connections.Connections));
        Assert.Null(nat.Asked);
        Assert.Null(traffic.Asked);
    }

    [Fact]
    public void Both_answers_cross_the_wire_whole()
    {
        var table = new NatRules
        {
            HasDockerRules = true,
            Dnat = [new DnatRule { Text = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 32768 -j DNAT --to-destination 172.17.0.2:80", Chain = "DOCKER", Protocol = "tcp", HostPort = 32768, ExcludedInInterface = "docker0", ToAddress = "172.17.0.2", ToPort = 80 }],
            Masquerade = [new MasqueradeRule { Text = "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", Source = "172.17.0.0/16", ExcludedOutInterface = "docker0" }],
        };
        var nat = RoundTrip(new NatTableRead(table, null, "iptables-save") { Namespace = "the collector's own network namespace" });
        Assert.Equal(("iptables-save", "the collector's own network namespace", true, FirewallBackends.Iptables), (nat.Tool, nat.Namespace, nat.Table!.HasDockerRules, nat.Table.Backend));
        // ImmutableArray's own Equals compares references: compare the rules.
        Assert.Equal(table.Dnat.ToArray(), nat.Table.Dnat.ToArray());
        Assert.Equal(table.Masquerade.ToArray(), nat.Table.Masquerade.ToArray());

        var entry = new ConntrackEntry("tcp", "ESTABLISHED", new FlowTuple("172.18.0.3", "172.18.0.2", 40000, 8080), new FlowTuple("172.18.0.2", "172.18.0.3", 8080, 40000), false, true);
        var at = new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);
        var traffic = RoundTrip(new TrafficRead
        {
            HostId = "c1", Connections = [entry], Capped = true, Cap = 1, Note = "Read.",
            Sockets = ImmutableDictionary<string, IReadOnlyList<SocketEntry>>.Empty.Add("AbC", [new SocketEntry("tcp", "0.0.0.0", 8080, "0.0.0.0", 0, "LISTEN")]),
            Refused = [new RefusedAttempt(entry with { State = "SYN_SENT", Unreplied = true }, at)],
        });
        Assert.Equal(("c1", true, 1, "Read."), (traffic.HostId, traffic.Capped, traffic.Cap, traffic.Note));
        Assert.Equal(entry, Assert.Single(traffic.Connections!));
        Assert.Equal(new SocketEntry("tcp", "0.0.0.0", 8080, "0.0.0.0", 0, "LISTEN"), Assert.Single(traffic.Sockets["AbC"]));
        Assert.Equal(new RefusedAttempt(entry with { State = "SYN_SENT", Unreplied = true }, at), Assert.Single(traffic.Refused));

        var request = RoundTrip(new TrafficReadRequest([new("abc", 4242)], 5000));
        Assert.Equal((new NamespaceProcess("abc", 4242), 5000), (Assert.Single(request.Namespaces), request.MaxFlows));
    }

    /// <summary>Written as the collector's client writes it, read as the dashboard's hub reads it.</summary>
    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, TopologyJson.Options), TopologyHubJson.Options)!;

    private sealed class RecordingNat(NatTableRead answer) : INatRuleSource
    {
        public NatTableRead Answer { get; set; } = answer;
        public NatTableTarget? Asked { get; private set; }

        public Task<NatTableRead> ReadAsync(NatTableTarget target, CancellationToken cancellationToken)
        {
            Asked = target;
            return Task.FromResult(Answer);
        }
    }

    private sealed class RecordingTraffic : ITrafficSource
    {
        public TrafficTarget? Asked { get; private set; }

        public Task<TrafficRead> ReadAsync(TrafficTarget target, CancellationToken cancellationToken)
        {
            Asked = target;
            return Task.FromResult(new TrafficRead { HostId = target.HostId, Connections = [], Note = "Read from the dashboard's own network namespace, which dockerd (pid 9) shares." });
        }
    }
}
