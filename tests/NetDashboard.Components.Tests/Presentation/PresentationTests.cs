using NetDashboard.Components.Presentation;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Presentation;

public sealed class PresentationTests
{
    private static readonly TopologySnapshot Snapshot = TopologyBuilder.Build([TestTopology.Connected()], 1, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("0.0.0.0", 8080, 80, "tcp", "0.0.0.0:8080→80/tcp")]
    [InlineData("::", 8080, 80, "tcp", "[::]:8080→80/tcp")]
    [InlineData(null, 53, 53, "udp", "53→53/udp")]
    [InlineData(null, null, 443, "tcp", "443/tcp")]
    public void Ports_are_written_like_docker_ps(string? hostIp, int? hostPort, int containerPort, string protocol, string expected)
    {
        var port = new PortInfo { HostIp = hostIp, HostPort = hostPort, ContainerPort = containerPort, Protocol = protocol };

        Assert.Equal(expected, TopologyFormat.Port(port));
    }

    [Fact]
    public void Addresses_sort_numerically()
    {
        string[] ips = ["172.18.0.10", "172.18.0.2", "10.0.0.1"];

        var sorted = ips.OrderBy(TopologyFormat.AddressSortKey, StringComparer.Ordinal).ToArray();

        Assert.Equal(["10.0.0.1", "172.18.0.2", "172.18.0.10"], sorted);
    }

    [Fact]
    public void Lookup_takes_the_full_id_then_the_name_then_a_unique_prefix()
    {
        Assert.Equal("web", TopologyLookup.Container(Snapshot, TestTopology.WebId, null).Single?.Name);
        Assert.Equal("web", TopologyLookup.Container(Snapshot, "web", "local").Single?.Name);
        Assert.Equal("web", TopologyLookup.Container(Snapshot, "0e1d2c", null).Single?.Name);
        Assert.True(TopologyLookup.Container(Snapshot, "web", "other-host").IsNotFound);
        Assert.True(TopologyLookup.Network(Snapshot, "zz", null).IsNotFound);
        Assert.Equal("appnet", TopologyLookup.Network(Snapshot, "A9F3", null).Single?.Name);
    }

    [Fact]
    public void A_live_lookup_keeps_the_last_known_object_and_forgets_it_for_a_new_id()
    {
        var lookup = LiveLookup.ForContainers();
        var empty = TopologySnapshot.Empty;

        lookup.Update("web", null, (id, host) => TopologyLookup.Container(Snapshot, id, host));
        Assert.False(lookup.IsGone);

        lookup.Update("web", null, (id, host) => TopologyLookup.Container(empty, id, host));
        Assert.True(lookup.IsGone);
        Assert.Equal("web", lookup.LastKnown?.Name);

        lookup.Update("api", null, (id, host) => TopologyLookup.Container(empty, id, host));
        Assert.False(lookup.IsGone);
        Assert.Null(lookup.LastKnown);
    }

    [Fact]
    public void Docker_commands_address_a_remote_daemon_and_quote_odd_names()
    {
        var web = Snapshot.FindContainer("web")!;
        var remote = Snapshot.Hosts[0] with { Endpoint = "tcp://10.1.2.3:2376" };

        var commands = DockerCommands.ForContainer(web, remote).Select(c => c.Command).ToList();

        Assert.Contains("docker -H tcp://10.1.2.3:2376 inspect web", commands);
        Assert.Equal("'my net'", DockerCommands.Quote("my net"));
        Assert.Equal("'it'\\''s'", DockerCommands.Quote("it's"));
        Assert.Equal("docker0", DockerCommands.Quote("docker0"));
    }

    [Fact]
    public void Docker_commands_of_the_local_socket_need_no_host_flag()
    {
        var network = Snapshot.FindNetwork("appnet")!;

        var commands = DockerCommands.ForNetwork(network, Snapshot.Hosts[0]).Select(c => c.Command).ToList();

        Assert.Equal("docker network inspect appnet", commands[0]);
        Assert.Contains($"ip -o addr show dev {TestTopology.AppBridge}", commands);
    }

    [Fact]
    public void The_table_sort_toggles_direction_and_breaks_ties_by_name()
    {
        var rows = TopologyRows.Networks(Snapshot);
        var sort = new TableSort<NetworkRow>("name", new Dictionary<string, Func<NetworkRow, object?>>
        {
            ["name"] = r => r.Network.Name,
            ["driver"] = r => r.Network.Driver,
        }, r => r.Network.Name);

        sort.Toggle("driver");
        Assert.Equal(["appnet", "bridge", "host", "none"], sort.Apply(rows).Select(r => r.Network.Name));
        sort.Toggle("driver");
        Assert.Equal(["none", "host", "appnet", "bridge"], sort.Apply(rows).Select(r => r.Network.Name));
        Assert.Equal("descending", sort.AriaSort("driver"));
        Assert.Equal("none", sort.AriaSort("name"));
    }

    [Theory]
    [InlineData("running", ContainerStateFilter.Running)]
    [InlineData("Stopped", ContainerStateFilter.Stopped)]
    [InlineData("bogus", ContainerStateFilter.All)]
    [InlineData(null, ContainerStateFilter.All)]
    public void The_state_query_is_parsed_leniently(string? text, ContainerStateFilter expected) =>
        Assert.Equal(expected, ContainerListFilter.ParseState(text));

    [Fact]
    public void The_container_filter_combines_state_mode_host_and_search()
    {
        var rows = TopologyRows.Containers(Snapshot);
        var filter = new ContainerListFilter { State = ContainerStateFilter.Running, Mode = NetworkModeKind.Container };

        Assert.Equal(["sidecar"], rows.Where(filter.Matches).Select(r => r.Container.Name));

        filter.Mode = null;
        filter.Search = "nginx";
        Assert.Equal(["web"], rows.Where(filter.Matches).Select(r => r.Container.Name));

        filter.HostId = "elsewhere";
        Assert.Empty(rows.Where(filter.Matches));
    }
}
