using Docker.DotNet.Models;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Tests;

/// <summary>Which daemon events history records, and what it keeps of them.</summary>
public class DockerEventMapperTests
{
    private static Message Message(string type, string action, string actor, Dictionary<string, string> attributes, long? timeNano = 1_764_338_400_123_456_789) => new()
    {
        Type = type,
        Action = action,
        Actor = new Actor { ID = actor, Attributes = attributes },
        Time = timeNano / 1_000_000_000,
        TimeNano = timeNano,
    };

    [Fact]
    public void A_container_start_keeps_its_id_name_and_nanosecond_time()
    {
        var daemonTime = new DateTimeOffset(2025, 11, 28, 14, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
        var e = DockerEventMapper.ToObserved(Message("container", "start", "c1", new() { ["name"] = "web", ["image"] = "nginx" }), daemonTime.AddSeconds(2));

        Assert.NotNull(e);
        Assert.Equal(("container-start", "c1", "c1", "web"), (e.Kind, e.ActorId, e.ContainerId, e.ContainerName));
        Assert.Equal(daemonTime, e.Time);
    }

    [Theory]
    [InlineData(-59, true)]
    [InlineData(59, true)]
    [InlineData(-61, false)]
    [InlineData(3600, false)]
    [InlineData(-365 * 24 * 3600, false)]
    public void The_daemons_time_dates_an_event_unless_its_clock_is_more_than_a_minute_off(int daemonAheadSeconds, bool daemonTimeKept)
    {
        var readAt = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
        var daemonTime = readAt.AddSeconds(daemonAheadSeconds);
        var e = DockerEventMapper.ToObserved(Message("container", "die", "c1", [], daemonTime.ToUnixTimeMilliseconds() * 1_000_000), readAt);

        Assert.Equal(daemonTimeKept ? daemonTime : readAt, e!.Time);
    }

    [Fact]
    public void A_network_connect_names_the_network_and_the_container_it_concerns()
    {
        var e = DockerEventMapper.ToObserved(Message("network", "connect", "n1", new() { ["name"] = "app", ["type"] = "bridge", ["container"] = "c1" }));

        Assert.NotNull(e);
        Assert.Equal(("network-connect", "n1", "app", "c1", null), (e.Kind, e.NetworkId, e.NetworkName, e.ContainerId, e.ContainerName));
    }

    [Theory]
    [InlineData("container", "kill")]
    [InlineData("container", "update")]
    [InlineData("container", "exec_start: sh")]
    [InlineData("image", "pull")]
    public void Events_that_change_no_topology_are_dropped(string type, string action) =>
        Assert.Null(DockerEventMapper.ToObserved(Message(type, action, "x", [])));

    [Fact]
    public void An_event_without_a_time_gets_the_moment_it_was_read()
    {
        var before = DateTimeOffset.UtcNow;
        var e = DockerEventMapper.ToObserved(Message("container", "die", "c1", [], timeNano: null));

        Assert.NotNull(e);
        Assert.InRange(e.Time, before, DateTimeOffset.UtcNow);
    }
}
