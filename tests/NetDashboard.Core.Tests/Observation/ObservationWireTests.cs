using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Tests.Observation;

/// <summary>
/// A collector sends its observations as JSON with the API's conventions: every field survives the trip (kernel
/// interface tables, events, cause, Swarm), so the dashboard builds from them exactly what the collector's host would.
/// And a sender that fell behind coalesces observations without losing state or events.
/// </summary>
public sealed class ObservationWireTests
{
    [Fact]
    public void An_observation_survives_the_trip_through_the_wire_json_and_builds_the_same_topology()
    {
        var daemon = DemoDaemon.Synthetic(60, "h1");
        daemon.Step();
        var observation = daemon.Observe("h1") with
        {
            Cause = ObservationCause.Event,
            Events = daemon.DrainEvents(DateTimeOffset.Parse("2026-12-07T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            SwarmCluster = new ObservedSwarmCluster
            {
                ClusterId = "c",
                Nodes = [new ObservedSwarmNodeEntry { Id = "n1", Role = "manager", Hostname = "h1" }],
                Services = [new ObservedService { Id = "s", Name = "web", EndpointMode = "dnsrr", VirtualIps = [new ObservedAddress("net", "10.0.0.2/24")] }],
                Tasks = [new ObservedTask { Id = "t", ServiceId = "s", NodeId = "n1", Slot = 1 }],
            },
        };
        Assert.NotNull(observation.HostInterfaces);
        Assert.Contains(observation.Containers, c => c.Interfaces is { Length: > 0 });
        Assert.NotEmpty(observation.Events);

        var json = TopologyJson.Serialize(observation);
        var back = TopologyJson.Deserialize<DaemonObservation>(json)!;

        Assert.Equal(json, TopologyJson.Serialize(back));
        Assert.Equal(ObservationCause.Event, back.Cause);
        Assert.Equal(observation.HostInterfaces!.Interfaces.Length, back.HostInterfaces!.Interfaces.Length);
        Assert.Equal(observation.HostInterfaces.BridgeAddresses.Count, back.HostInterfaces.BridgeAddresses.Count);
        Assert.Equal(observation.Containers.Select(c => c.Interfaces?.Length), back.Containers.Select(c => c.Interfaces?.Length));
        var at = DateTimeOffset.UnixEpoch;
        Assert.Equal(TopologyJson.Serialize(TopologyBuilder.Build([observation], 1, at)), TopologyJson.Serialize(TopologyBuilder.Build([back], 1, at)));
    }

    [Fact]
    public void Coalescing_keeps_the_newer_state_every_event_in_order_and_the_cause_that_claims_least()
    {
        var host = new ObservedHost { Id = "h", Name = "h", Endpoint = "unix:///x", Connected = true };
        ObservedEvent Event(string action) => new() { Time = DateTimeOffset.UnixEpoch, Type = "container", Action = action, ActorId = "a" };
        var older = new DaemonObservation { Host = host, Cause = ObservationCause.Event, Events = [Event("start")], Containers = [new ObservedContainer { Id = "a" }] };
        var newer = new DaemonObservation { Host = host, Cause = ObservationCause.Event, Events = [Event("die")], Containers = [] };

        var both = ObservationCoalescing.Coalesce(older, newer);
        Assert.Empty(both.Containers);
        Assert.Equal(["start", "die"], both.Events.Select(e => e.Action));
        Assert.Equal(ObservationCause.Event, both.Cause);

        Assert.Equal(ObservationCause.Resync, ObservationCoalescing.Coalesce(older with { Cause = ObservationCause.Resync }, newer).Cause);
        Assert.Equal(ObservationCause.Initial, ObservationCoalescing.Coalesce(older, newer with { Cause = ObservationCause.Initial }).Cause);
        Assert.Equal(ObservationCause.Initial, ObservationCoalescing.Coalesce(older with { Cause = ObservationCause.Initial }, newer with { Cause = ObservationCause.Resync }).Cause);
    }
}
