using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Observation;
using static NetDashboard.Core.Tests.Observations;

namespace NetDashboard.Core.Tests;

public class VethResolverTests
{
    private const string Mac = "02:42:ac:11:00:02";

    private static HostInterfaceTable Host(string master = "docker0", int peerLink = 9, string bridgeAddress = "172.17.0.1") => new()
    {
        Interfaces =
        [
            new HostInterface("docker0", 3, 3, null),
            new HostInterface("veth5715989", 10, peerLink, master),
            new HostInterface("vethother", 12, 11, "docker0"),
        ],
        BridgeAddresses = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("docker0", [bridgeAddress]),
    };

    private static ObservedContainer Web(params ContainerInterface[] interfaces) =>
        Container("w1", "web", "default", Endpoint("bridge", BridgeId, "172.17.0.2", 16, "172.17.0.1", Mac)) with { Interfaces = [.. interfaces] };

    private static Model.EndpointInfo EndpointOf(HostInterfaceTable host, ObservedContainer c) =>
        Assert.Single(Assert.Single(TopologyBuilder.Build([Daemon([DefaultBridge()], [c], host)], 1, DateTimeOffset.UnixEpoch).Containers).Endpoints);

    [Fact]
    public void Matches_the_container_interface_by_mac_not_by_order()
    {
        var c = Web(new ContainerInterface("eth1", 11, 12, "02:42:ac:12:00:09"), new ContainerInterface("eth0", 9, 10, Mac.ToUpperInvariant()), new ContainerInterface("lo", 1, 1, "00:00:00:00:00:00"));
        var e = EndpointOf(Host(), c);
        Assert.Equal("veth5715989", e.HostInterface);
        Assert.Equal(10, e.HostInterfaceIndex);
        Assert.Equal("eth0", e.ContainerInterface);
    }

    [Fact]
    public void A_peer_plugged_into_another_bridge_is_not_taken()
    {
        var e = EndpointOf(Host(master: "br-other"), Web(new ContainerInterface("eth0", 9, 10, Mac)));
        Assert.Null(e.HostInterface);
        Assert.Null(e.HostInterfaceIndex);
        Assert.Equal("eth0", e.ContainerInterface);
    }

    [Fact]
    public void A_peer_that_does_not_point_back_is_not_taken()
    {
        Assert.Null(EndpointOf(Host(peerLink: 99), Web(new ContainerInterface("eth0", 9, 10, Mac))).HostInterface);
    }

    [Fact]
    public void A_same_named_bridge_of_another_namespace_is_not_taken()
    {
        // Another daemon in its own namespace also has a docker0, with another address.
        Assert.Null(EndpointOf(Host(bridgeAddress: "10.231.31.1"), Web(new ContainerInterface("eth0", 9, 10, Mac))).HostInterface);
    }

    [Fact]
    public void Nothing_is_named_when_the_namespaces_cannot_be_read()
    {
        var e = EndpointOf(null!, Container("w1", "web", "default", Endpoint("bridge", BridgeId, "172.17.0.2", 16, "172.17.0.1", Mac)));
        Assert.Null(e.HostInterface);
        Assert.Null(e.ContainerInterface);
    }
}
