using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.History;

/// <summary>The store hands on what caused each change, including daemon events of reads that changed nothing.</summary>
public sealed class StoreOriginTests
{
    private static ObservedEvent Connect(DateTimeOffset at) => new()
    {
        Time = at, Type = "network", Action = "connect", ActorId = "n1", ContainerId = "c1", NetworkId = "n1",
    };

    [Fact]
    public async Task A_change_carries_its_observation_and_the_events_of_earlier_reads_that_changed_nothing()
    {
        var store = new TopologyStore(TimeProvider.System, NullLogger<TopologyStore>.Instance);
        var changes = new List<TopologyChange>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = store.Subscribe(change =>
        {
            changes.Add(change); // one change at a time, on the subscription's reader
            if (changes.Count == 2) second.TrySetResult();
        });
        var daemon = DemoDaemon.Seed("h");
        var at = DateTimeOffset.UtcNow;

        store.Publish(daemon.Observe() with { Cause = ObservationCause.Initial });
        store.Publish(daemon.Observe() with { Cause = ObservationCause.Event, Events = [Connect(at)] }); // nothing changed yet
        store.Publish(daemon.Observe() with { Cause = ObservationCause.Resync }); // nor here, and no events
        daemon.Step();
        store.Publish(daemon.Observe() with { Cause = ObservationCause.Event, Events = daemon.DrainEvents(at) });

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, store.Current.Revision);
        Assert.Equal(2, changes.Count);
        Assert.Equal(ObservationCause.Initial, Assert.Single(changes[0].Origins).Cause);
        Assert.Equal([ObservationCause.Event, ObservationCause.Event], changes[1].Origins.Select(o => o.Cause));
        Assert.Equal(["network-connect", "container-die", "container-stop"], changes[1].Origins.SelectMany(o => o.Events).Select(e => e.Kind));
        Assert.All(changes[1].Origins, o => Assert.Equal("h", o.HostId));
    }
}
