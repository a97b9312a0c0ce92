using System.Collections.Immutable;
using NetDashboard.Components.Pages;
using NetDashboard.Core.Observation;

namespace NetDashboard.Components.Tests.Details;

/// <summary>The network and container pages name what Docker 28 adds: gateway mode, default route, the names the embedded DNS answers.</summary>
public sealed class TodayEngineDetailsTests
{
    private const string RoutedId = "45927829b0d0aa8f8b6f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";
    private const string GwId = "a341a042564c49aefdc9ae0b38dca9a32f691f5bfee061e1274a706ef8b4c35b";

    private static DaemonObservation WithRoutedNetwork()
    {
        var o = TestTopology.Connected();
        var routed = new ObservedNetwork
        {
            Id = RoutedId, Name = "edge", Driver = "bridge", Scope = "local", EnableIPv4 = true,
            IpamConfig = [new ObservedIpamConfig { Subnet = "10.231.52.0/24", Gateway = "10.231.52.1" }],
            Options = ImmutableDictionary<string, string>.Empty.Add("com.docker.network.bridge.gateway_mode_ipv4", "routed"),
        };
        var gw = new ObservedContainer
        {
            Id = GwId, Names = ["/gw"], Image = "busybox", State = "running", NetworkMode = "appnet",
            Ports = [new ObservedPort { PrivatePort = 80, Ip = "0.0.0.0", Type = "tcp" }],
            Endpoints =
            [
                new ObservedEndpoint
                {
                    NetworkName = "appnet", NetworkId = TestTopology.AppNetworkId, IpAddress = "172.18.0.9", IpPrefixLen = 16,
                    Gateway = "172.18.0.1", MacAddress = "02:42:ac:12:00:09", GwPriority = 0, DnsNames = ["gw", "a341a042564c"],
                },
                new ObservedEndpoint
                {
                    NetworkName = "edge", NetworkId = RoutedId, IpAddress = "10.231.52.3", IpPrefixLen = 24,
                    Gateway = "10.231.52.1", MacAddress = "1a:7f:2a:7c:e7:5c", GwPriority = 10, DnsNames = ["gw", "a341a042564c"],
                },
            ],
        };
        return o with { Networks = o.Networks.Add(routed), Containers = o.Containers.Add(gw) };
    }

    [Fact]
    public async Task The_network_page_names_the_gateway_mode_and_which_endpoint_holds_the_default_route()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(WithRoutedNetwork());
        var cut = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "edge"));

        Assert.StartsWith("routed — no DNAT and no MASQUERADE", cut.Find("[data-field='gateway-mode']").Text().Trim());
        Assert.Equal("yes", cut.Find("[data-field='ipv4']").Text());
        Assert.Equal("yes (priority 10)", cut.Find("[data-section='attached'] tr[data-container='gw'] [data-default-route]").Text());

        var app = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "appnet"));
        Assert.StartsWith("nat — published ports are DNAT'd", app.Find("[data-field='gateway-mode']").Text().Trim());
        Assert.Equal("no (priority 0)", app.Find("[data-section='attached'] tr[data-container='gw'] [data-default-route]").Text());
    }

    [Fact]
    public async Task The_container_page_marks_the_egress_endpoint_the_DNS_names_and_the_routed_port()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(WithRoutedNetwork());
        var cut = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "gw"));

        Assert.Equal("yes — the container's egress (gateway priority 10)", cut.Find("[data-endpoint='edge'] [data-field='default-route']").Text());
        Assert.Equal("no (gateway priority 0)", cut.Find("[data-endpoint='appnet'] [data-field='default-route']").Text());
        Assert.Equal("gw, a341a042564c", cut.Find("[data-endpoint='edge'] [data-field='dns-names']").Text());
        Assert.Contains("80/tcp (routed: at the container's own address)", cut.Markup);

        // An engine without DNSNames says so instead of showing nothing.
        var web = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "api"));
        Assert.Equal("not reported by this engine", web.Find("[data-endpoint='bridge'] [data-field='dns-names']").Text());
    }

    [Fact]
    public async Task The_network_page_shows_the_address_pool_where_Engine_29_reports_it_and_says_not_reported_elsewhere()
    {
        await using var ctx = new NetDashboardTestContext();
        var o = TestTopology.Connected();
        var dual = new ObservedNetwork
        {
            Id = RoutedId, Name = "pool", Driver = "bridge", Scope = "local", EnableIPv4 = true, EnableIPv6 = true,
            IpamConfig = [new ObservedIpamConfig { Subnet = "10.231.52.0/24", Gateway = "10.231.52.1" }, new ObservedIpamConfig { Subnet = "fd00:231:52::/64" }],
            // As GET /networks/{id} of API 1.52 keys it: the canonical prefix.
            SubnetStatus = ImmutableDictionary<string, ObservedSubnetStatus>.Empty
                .Add("10.231.52.0/24", new ObservedSubnetStatus(5, 251))
                .Add("fd00:231:52::/64", new ObservedSubnetStatus(3, 18446744073709551613)),
        };
        ctx.Publish(o with { Host = o.Host with { ApiVersion = "1.52", EngineVersion = "29.1.2" }, Networks = o.Networks.Add(dual) });

        var cut = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "pool"));
        Assert.Equal("10.231.52.0/24: address pool: 5 in use, 251 free", cut.Find("[data-field='address-pool'] [data-subnet='10.231.52.0/24']").Text().Trim());
        Assert.Equal("fd00:231:52::/64: address pool: 3 in use, 18,446,744,073,709,551,613 free",
            cut.Find("[data-field='address-pool'] [data-subnet='fd00:231:52::/64']").Text().Trim());

        // One subnet: no need to name it. An engine before API 1.52: said, not guessed.
        var app = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "appnet"));
        Assert.Equal("not reported by this engine", app.Find("[data-field='address-pool']").Text().Trim());
    }
}
