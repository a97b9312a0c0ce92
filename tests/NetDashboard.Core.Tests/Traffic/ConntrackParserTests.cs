using NetDashboard.Core.Traffic;

namespace NetDashboard.Core.Tests.Traffic;

/// <summary>The kernel's text, recorded on this machine (kernel 6.18, Docker 20.10, br_netfilter loaded).</summary>
public class ConntrackParserTests
{
    /// <summary><c>/proc/&lt;dockerd&gt;/net/nf_conntrack</c> with two busybox containers talking and a published port used from the host's loopback.</summary>
    public const string Recorded = """
        ipv4     2 unknown  2 187 src=172.18.0.1 dst=224.0.0.22 [UNREPLIED] src=224.0.0.22 dst=172.18.0.1 mark=0 zone=0 use=2
        ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.3 dst=172.18.0.2 sport=49350 dport=8080 src=172.18.0.2 dst=172.18.0.3 sport=8080 dport=49350 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 431997 ESTABLISHED src=127.0.0.1 dst=127.0.0.1 sport=41986 dport=32769 src=127.0.0.1 dst=127.0.0.1 sport=32769 dport=41986 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.1 dst=172.18.0.3 sport=37796 dport=8080 src=172.18.0.3 dst=172.18.0.1 sport=8080 dport=37796 [ASSURED] mark=0 zone=0 use=2
        ipv4     2 tcp      6 118 SYN_SENT src=172.18.0.3 dst=10.0.9.9 sport=40000 dport=443 [UNREPLIED] src=10.0.9.9 dst=10.0.2.15 sport=443 dport=40000 mark=0 zone=0 use=2
        ipv4     2 udp      17 28 src=172.18.0.3 dst=172.18.0.2 sport=51000 dport=53 src=172.18.0.2 dst=172.18.0.3 sport=53 dport=51000 mark=0 zone=0 use=2
        ipv4     2 icmp     1 29 src=172.18.0.3 dst=172.18.0.2 type=8 code=0 id=7 src=172.18.0.2 dst=172.18.0.3 type=0 code=0 id=7 mark=0 zone=0 use=2
        ipv6     10 tcp      6 299 ESTABLISHED src=fd00:0000:0000:0000:0000:0000:0000:0003 dst=fd00:0000:0000:0000:0000:0000:0000:0002 sport=50000 dport=80 src=fd00:0000:0000:0000:0000:0000:0000:0002 dst=fd00:0000:0000:0000:0000:0000:0000:0003 sport=80 dport=50000 [ASSURED] mark=0 zone=0 use=2
        """;

    [Fact]
    public void Reads_tcp_and_udp_entries_with_both_directions_and_skips_the_rest()
    {
        var entries = ConntrackParser.Parse(Recorded);

        Assert.Equal(6, entries.Count); // the IGMP ("unknown") and ICMP entries are not flows this view draws
        var first = entries[0];
        Assert.Equal("tcp", first.Protocol);
        Assert.Equal("ESTABLISHED", first.State);
        Assert.Equal(new FlowTuple("172.18.0.3", "172.18.0.2", 49350, 8080), first.Original);
        Assert.Equal(new FlowTuple("172.18.0.2", "172.18.0.3", 8080, 49350), first.Reply);
        Assert.True(first.Assured);
        Assert.False(first.Unreplied);

        var masqueraded = entries[3];
        Assert.Equal("SYN_SENT", masqueraded.State);
        Assert.True(masqueraded.Unreplied);
        Assert.Equal("10.0.2.15", masqueraded.Reply.Destination); // SNAT: the reply goes to the host's address

        var udp = entries[4];
        Assert.Equal("udp", udp.Protocol);
        Assert.Null(udp.State);
        Assert.Equal(53, udp.Original.DestinationPort);

        var v6 = entries[5];
        Assert.Equal("fd00::3", v6.Original.Source); // the kernel's full form, shortened like the daemon writes it
        Assert.Equal("fd00::2", v6.Reply.Source);
    }

    [Fact]
    public void Reads_the_conntrack_tools_listing_too()
    {
        var entry = ConntrackParser.ParseLine("tcp      6 431999 ESTABLISHED src=172.17.0.2 dst=172.17.0.3 sport=5000 dport=80 src=172.17.0.3 dst=172.17.0.2 sport=80 dport=5000 [ASSURED] mark=0 use=1");

        Assert.NotNull(entry);
        Assert.Equal(new FlowTuple("172.17.0.2", "172.17.0.3", 5000, 80), entry.Original);
    }

    [Fact]
    public void Stops_at_the_cap()
    {
        Assert.Equal(2, ConntrackParser.Parse(Recorded, max: 2).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.3 dst=172.18.0.2 sport=49350")]
    [InlineData("ipv4     2 tcp      6 431997 ESTABLISHED src=172.18.0.3 dst=172.18.0.2 sport=x dport=8080 src=172.18.0.2 dst=172.18.0.3 sport=8080 dport=1")]
    public void A_line_it_cannot_read_is_skipped(string line)
    {
        Assert.Null(ConntrackParser.ParseLine(line));
    }
}
