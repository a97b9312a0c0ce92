using NetDashboard.Core.Traffic;

namespace NetDashboard.Core.Tests.Traffic;

/// <summary><c>/proc/&lt;pid&gt;/net/tcp</c>, <c>tcp6</c>, <c>udp</c> of a busybox container, recorded on this machine.</summary>
public class SocketTableParserTests
{
    public const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0B00007F:99C3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2367012 1 0000000091f73607 100 0 0 10 0
           1: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2367013 1 0000000091f73608 100 0 0 10 0
           2: 0100007F:A000 0100007F:1388 01 00000000:00000000 00:00000000 00000000     0        0 2367014 1 0000000091f73609 20 0 0 10 -1
           3: 0100007F:1388 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 2367015 1 0000000091f7360a 20 0 0 10 -1
        """;

    public const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2368794 1 00000000952c9d35 100 0 0 10 0
           1: 0000000000000000FFFF0000030012AC:1F90 0000000000000000FFFF0000010012AC:93A4 01 00000000:00000000 00:00000000 00000000     0        0 2368795 1 000000008d39e81e 20 0 0 10 -1
           2: 000000FD000000000000000002000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2368796 1 000000008d39e81f 100 0 0 10 0
        """;

    public const string Udp = """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          123: 0B00007F:A2B1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2367011 2 00000000b2f4e1b3 0
          456: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2367020 2 00000000b2f4e1b4 0
        """;

    [Fact]
    public void Reads_addresses_in_the_kernels_byte_order_and_the_state()
    {
        var tcp = SocketTableParser.Parse(Tcp, "tcp");

        Assert.Equal(4, tcp.Count);
        Assert.Equal(new SocketEntry("tcp", "127.0.0.11", 39363, "0.0.0.0", 0, "LISTEN"), tcp[0]);
        Assert.True(tcp[0].Listening);
        Assert.Equal(new SocketEntry("tcp", "127.0.0.1", 40960, "127.0.0.1", 5000, "ESTABLISHED"), tcp[2]);
        Assert.False(tcp[2].Listening);
    }

    [Fact]
    public void Reads_IPv6_and_gives_IPv4_mapped_addresses_as_IPv4()
    {
        var tcp6 = SocketTableParser.Parse(Tcp6, "tcp");

        Assert.Equal(new SocketEntry("tcp", "::", 8080, "::", 0, "LISTEN"), tcp6[0]);
        Assert.Equal(new SocketEntry("tcp", "172.18.0.3", 8080, "172.18.0.1", 37796, "ESTABLISHED"), tcp6[1]);
        Assert.Equal("fd00::2", tcp6[2].LocalAddress);
        Assert.Equal(80, tcp6[2].LocalPort);
    }

    [Fact]
    public void A_UDP_socket_without_a_peer_is_listening()
    {
        var udp = SocketTableParser.Parse(Udp, "udp");

        Assert.Equal(2, udp.Count);
        Assert.All(udp, s => Assert.True(s.Listening));
        Assert.Equal(("0.0.0.0", 53, "UNCONN"), (udp[1].LocalAddress, udp[1].LocalPort, udp[1].State));
    }
}
