using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Kernel;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// The traffic reader on a /proc tree of recorded kernel text (the daemon's <c>net/nf_conntrack</c>, a container's
/// socket tables): the cap, the namespaces it reads, and a sentence for what it cannot read. The real kernel is read by
/// the web tests (TrafficTests) on the real dockerd.
/// </summary>
public sealed class ConntrackReaderTests : IDisposable
{
    private const string Conntrack = """
        ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.3 dst=172.18.0.2 sport=49350 dport=8080 src=172.18.0.2 dst=172.18.0.3 sport=8080 dport=49350 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 icmp     1 29 src=172.18.0.3 dst=172.18.0.2 type=8 code=0 id=7 src=172.18.0.2 dst=172.18.0.3 type=0 code=0 id=7 mark=0 zone=0 use=2
        ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.1 dst=172.18.0.3 sport=37796 dport=8080 src=172.18.0.3 dst=172.18.0.1 sport=8080 dport=37796 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 udp      17 28 src=172.18.0.3 dst=172.18.0.2 sport=51000 dport=53 src=172.18.0.2 dst=172.18.0.3 sport=53 dport=51000 mark=0 zone=0 use=2
        """;

    private const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2367013 1 0000000091f73608 100 0 0 10 0
        """;

    private readonly string _proc = Path.Combine(Path.GetTempPath(), "nd-proc-" + Guid.NewGuid().ToString("N"));

    public ConntrackReaderTests()
    {
        Write("self/net/nf_conntrack", Conntrack);
        Write("4242/net/tcp", Tcp);
        Write("4242/net/udp", "");
        // No tcp6/udp6: a kernel without IPv6 has none, and that is not an error.
    }

    [Fact]
    public async Task Reads_the_table_and_each_containers_sockets_and_says_where()
    {
        var read = await new ConntrackReader(_proc).ReadAsync(Target(max: 100, new NamespaceProcess("srv", 4242), new NamespaceProcess("gone", 999999)), CancellationToken.None);

        Assert.Equal(3, read.Connections!.Count); // tcp and udp; the ICMP entry is not a flow
        Assert.False(read.Capped);
        Assert.Equal("Read from the dashboard's own network namespace.", read.Note);
        var socket = Assert.Single(read.Sockets["srv"]);
        Assert.Equal(("0.0.0.0", 8080, "LISTEN"), (socket.LocalAddress, socket.LocalPort, socket.State));
        Assert.False(read.Sockets.ContainsKey("gone")); // its process ended between the topology and the read
    }

    [Fact]
    public async Task Stops_at_the_cap_and_says_so()
    {
        var read = await new ConntrackReader(_proc).ReadAsync(Target(max: 2), CancellationToken.None);

        Assert.Equal(2, read.Connections!.Count);
        Assert.True(read.Capped);
        Assert.Equal("Read from the dashboard's own network namespace; more than 2 connections are tracked, only the first 2 were read (NetDashboard:Traffic:MaxFlowsPerHost).", read.Note);
    }

    [Fact]
    public async Task A_socket_nobody_answers_on_is_a_sentence_not_an_exception()
    {
        var read = await new ConntrackReader(_proc).ReadAsync(Target(max: 100) with { DaemonSocket = Path.Combine(_proc, "no-daemon.sock") }, CancellationToken.None);

        Assert.Null(read.Connections);
        Assert.Equal($"The process answering on {Path.Combine(_proc, "no-daemon.sock")} could not be identified.", read.Note);
    }

    private static TrafficTarget Target(int max, params NamespaceProcess[] namespaces) => new("local", null, [.. namespaces], max);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_proc, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(_proc, recursive: true);
}
