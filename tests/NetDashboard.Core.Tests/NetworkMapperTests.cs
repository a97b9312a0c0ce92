using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Observation;
using static NetDashboard.Core.Tests.Observations;

namespace NetDashboard.Core.Tests;

public class NetworkMapperTests
{
    [Fact]
    public void Bridge_name_comes_from_the_option_then_from_the_id()
    {
        Assert.Equal("docker0", NetworkMapper.BridgeName(DefaultBridge()));
        Assert.Equal("br-988df8fe1ba1", NetworkMapper.BridgeName(UserNetwork()));
        Assert.Equal("ndrec0", NetworkMapper.BridgeName(UserNetwork(options: new() { ["com.docker.network.bridge.name"] = "ndrec0" })));
        Assert.Null(NetworkMapper.BridgeName(HostNetwork()));
        Assert.Null(NetworkMapper.BridgeName(NoneNetwork()));
        Assert.Null(NetworkMapper.BridgeName(UserNetwork() with { Driver = "macvlan" }));
    }

    [Fact]
    public void Default_bridge_without_the_name_option_is_still_docker0()
    {
        var bare = DefaultBridge() with { Options = ImmutableDictionary<string, string>.Empty };
        Assert.Equal("docker0", NetworkMapper.BridgeName(bare));
    }

    [Fact]
    public void Dns_is_only_on_user_defined_networks_and_icc_follows_the_option()
    {
        Assert.False(NetworkMapper.HasEmbeddedDns(DefaultBridge()));
        Assert.False(NetworkMapper.HasEmbeddedDns(HostNetwork()));
        Assert.False(NetworkMapper.HasEmbeddedDns(NoneNetwork()));
        Assert.True(NetworkMapper.HasEmbeddedDns(UserNetwork()));

        Assert.True(NetworkMapper.Icc(DefaultBridge()));
        Assert.True(NetworkMapper.Icc(UserNetwork()));
        Assert.False(NetworkMapper.Icc(UserNetwork(options: new() { ["com.docker.network.bridge.enable_icc"] = "false" })));
        Assert.False(NetworkMapper.Icc(HostNetwork()));
        Assert.False(NetworkMapper.Icc(NoneNetwork()));
    }

    [Fact]
    public void Missing_gateway_is_derived_from_the_bridge_address()
    {
        var interfaces = new HostInterfaceTable
        {
            BridgeAddresses = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("docker0", ["172.17.0.1"]),
        };
        var n = NetworkMapper.Map(DefaultBridge(), "local", Daemon([DefaultBridge()], [], interfaces));
        var subnet = Assert.Single(n.Subnets);
        Assert.Equal("172.17.0.1", subnet.Gateway);
        Assert.True(subnet.GatewayDerived);
    }

    [Fact]
    public void Missing_gateway_is_derived_from_the_endpoints_when_the_bridge_is_not_visible()
    {
        var web = Container("c1", "web", "default", Endpoint("bridge", BridgeId, "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02"));
        var n = NetworkMapper.Map(DefaultBridge(), "local", Daemon([DefaultBridge()], [web]));
        Assert.Equal("172.17.0.1", Assert.Single(n.Subnets).Gateway);
    }

    [Fact]
    public void Gateway_stays_null_when_nothing_says_and_a_configured_one_is_kept()
    {
        var derivedNothing = NetworkMapper.Map(DefaultBridge(), "local", Daemon([DefaultBridge()], []));
        Assert.Null(Assert.Single(derivedNothing.Subnets).Gateway);

        var configured = NetworkMapper.Map(UserNetwork(), "local", Daemon([UserNetwork()], []));
        var subnet = Assert.Single(configured.Subnets);
        Assert.Equal("172.28.0.1", subnet.Gateway);
        Assert.False(subnet.GatewayDerived);
    }

    [Fact]
    public void An_address_of_the_bridge_outside_the_subnet_is_not_taken_for_the_gateway()
    {
        var interfaces = new HostInterfaceTable
        {
            BridgeAddresses = ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("docker0", ["10.231.31.1"]),
        };
        var n = NetworkMapper.Map(DefaultBridge(), "local", Daemon([DefaultBridge()], [], interfaces));
        Assert.Null(Assert.Single(n.Subnets).Gateway);
    }
}
