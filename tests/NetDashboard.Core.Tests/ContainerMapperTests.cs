using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using static NetDashboard.Core.Tests.Observations;

namespace NetDashboard.Core.Tests;

public class ContainerMapperTests
{
    private const string OwnerId = "b21d15b959769b93df8ee58008760e0c6f54f3ada6ea4fd8c450c05a0d9a1671";

    private static TopologySnapshot Build(params ObservedContainer[] containers) =>
        TopologyBuilder.Build([Daemon([DefaultBridge("172.17.0.1"), UserNetwork(), HostNetwork(), NoneNetwork()], containers)], 1, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("default", NetworkModeKind.Bridge)]
    [InlineData("bridge", NetworkModeKind.Bridge)]
    [InlineData("host", NetworkModeKind.Host)]
    [InlineData("none", NetworkModeKind.None)]
    [InlineData("app", NetworkModeKind.Network)]
    [InlineData("container:" + OwnerId, NetworkModeKind.Container)]
    public void Network_mode_kinds(string raw, NetworkModeKind kind)
    {
        var mode = NetworkModeParser.Parse(raw, []);
        Assert.Equal(kind, mode.Kind);
        Assert.Equal(raw, mode.Raw);
    }

    [Fact]
    public void Container_mode_resolves_the_owner_by_name_or_id_prefix()
    {
        var owner = Container(OwnerId, "web", "default");
        Assert.Equal(OwnerId, NetworkModeParser.Parse("container:web", [owner]).SharesWith);
        Assert.Equal(OwnerId, NetworkModeParser.Parse("container:b21d15b95976", [owner]).SharesWith);
        Assert.Equal(OwnerId, NetworkModeParser.Parse("container:" + OwnerId, [owner]).SharesWith);
    }

    [Fact]
    public void Host_mode_keeps_requested_ports_as_discarded_with_a_warning()
    {
        var c = Container("h1", "hostmode", "host", EmptyEndpoint("host", "ee9e53b71c8c")) with
        {
            Inspect = new ObservedInspect
            {
                NetworkMode = "host",
                RequestedBindings = [new ObservedPortBinding { ContainerPort = 80, Protocol = "tcp", HostIp = "", HostPort = "9999" }],
            },
        };
        var model = Assert.Single(Build(c).Containers);
        var port = Assert.Single(model.Ports);
        Assert.True(port.Discarded);
        Assert.Equal(9999, port.HostPort);
        Assert.Null(port.HostIp);
        Assert.Equal(80, port.ContainerPort);
        var warning = Assert.Single(model.Warnings);
        Assert.Equal(WarningCodes.PortsDiscardedHostMode, warning.Code);
        Assert.Contains("9999", warning.Message);

        var endpoint = Assert.Single(model.Endpoints);
        Assert.Equal("host", endpoint.NetworkName);
        Assert.Null(endpoint.Ipv4);
        Assert.Null(endpoint.Mac);
        Assert.Null(endpoint.HostInterface);
    }

    [Fact]
    public void A_range_binding_reports_its_first_port()
    {
        var c = Container("h1", "hostmode", "host") with
        {
            Inspect = new ObservedInspect { RequestedBindings = [new ObservedPortBinding { ContainerPort = 7000, Protocol = "udp", HostIp = "127.0.0.1", HostPort = "7000-7001" }] },
        };
        var port = Assert.Single(Assert.Single(Build(c).Containers).Ports);
        Assert.Equal((7000, "udp", "127.0.0.1", true), (port.HostPort!.Value, port.Protocol, port.HostIp!, port.Discarded));
    }

    [Fact]
    public void Published_ports_one_entry_per_binding_and_exposed_only_ports_have_no_host_side()
    {
        var c = Container("w1", "web", "default", Endpoint("bridge", BridgeId, "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02")) with
        {
            Ports =
            [
                new ObservedPort { PrivatePort = 8080, PublicPort = 8081, Type = "tcp", Ip = "::" },
                new ObservedPort { PrivatePort = 8080, PublicPort = 8081, Type = "tcp", Ip = "0.0.0.0" },
                new ObservedPort { PrivatePort = 5000, Type = "tcp" },
            ],
        };
        var ports = Assert.Single(Build(c).Containers).Ports;
        Assert.Equal(3, ports.Length);
        Assert.Contains(ports, p => p is { HostIp: "0.0.0.0", HostPort: 8081, ContainerPort: 8080, Discarded: false });
        Assert.Contains(ports, p => p is { HostIp: "::", HostPort: 8081 });
        Assert.Contains(ports, p => p is { ContainerPort: 5000, HostIp: null, HostPort: null });
        Assert.Empty(Assert.Single(Build(c).Containers).Warnings);
    }

    [Fact]
    public void Sharers_have_no_endpoints_and_warn_when_the_owner_is_down_or_gone()
    {
        var owner = Container(OwnerId, "owner", "default") with { State = "exited" };
        var sharer = Container("s1", "sharer", "container:" + OwnerId);
        var model = Build(owner, sharer);
        var s = model.FindContainer("sharer")!;
        Assert.Equal(NetworkModeKind.Container, s.NetworkMode.Kind);
        Assert.Equal(OwnerId, s.NetworkMode.SharesWith);
        Assert.Empty(s.Endpoints);
        var warning = Assert.Single(s.Warnings);
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, warning.Code);
        Assert.Contains("owner", warning.Message);

        var running = Build(owner with { State = "running" }, sharer).FindContainer("sharer")!;
        Assert.Empty(running.Warnings);

        var orphan = Build(sharer).FindContainer("sharer")!;
        Assert.Equal(WarningCodes.SharedNamespaceOwnerMissing, Assert.Single(orphan.Warnings).Code);
    }

    [Fact]
    public void Aliases_come_from_inspect_when_the_list_has_none()
    {
        var c = Container("d1", "db", "app", Endpoint("app", AppId, "172.28.0.2", 16, "172.28.0.1", "02:42:ac:1c:00:02")) with
        {
            Inspect = new ObservedInspect { Endpoints = [new ObservedEndpoint { NetworkName = "app", Aliases = ["database", "d1"] }] },
        };
        var e = Assert.Single(Assert.Single(Build(c).Containers).Endpoints);
        Assert.Equal(["database", "d1"], e.Aliases.ToArray());
        Assert.Equal(("172.28.0.2", 16, "172.28.0.1"), (e.Ipv4!, e.Ipv4PrefixLength!.Value, e.Gateway!));
        Assert.Equal(AppId, e.NetworkId);
    }

    [Fact]
    public void A_stopped_container_keeps_its_network_by_name_with_empty_addresses()
    {
        var c = Container("x1", "stopped", "default", EmptyEndpoint("bridge", "")) with { State = "exited" };
        var e = Assert.Single(Assert.Single(Build(c).Containers).Endpoints);
        Assert.Equal(BridgeId, e.NetworkId);
        Assert.Null(e.Ipv4);
        Assert.Null(e.Ipv4PrefixLength);
        Assert.Null(e.Gateway);
    }

    [Fact]
    public void Legacy_link_names_do_not_replace_the_container_name()
    {
        var c = Container("x1", "db", "default") with { Names = ["/web/db-link", "/db"] };
        Assert.Equal("db", ContainerMapper.DisplayName(c));
    }

    [Fact]
    public void A_disconnected_host_has_its_reason_and_no_objects()
    {
        var observation = new DaemonObservation { Host = Host(connected: false) with { Error = "Cannot connect: socket missing." }, Networks = [DefaultBridge()] };
        var model = TopologyBuilder.Build([observation], 3, DateTimeOffset.UnixEpoch);
        var host = Assert.Single(model.Hosts);
        Assert.Equal(HostStatus.Disconnected, host.Status);
        Assert.Equal("Cannot connect: socket missing.", host.Error);
        Assert.Empty(model.Networks);
    }
}
