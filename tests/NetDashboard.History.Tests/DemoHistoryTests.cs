using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;

namespace NetDashboard.History.Tests;

/// <summary>The demo daemon gives the history a timeline: its events, and the worker's restart on a new IP.</summary>
public class DemoHistoryTests
{
    [Fact]
    public void Each_demo_step_comes_with_its_events_and_the_restart_on_a_new_ip_raises_the_badge()
    {
        var daemon = DemoDaemon.Seed();
        var state = new HistoryState();
        var t = new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
        Assert.Empty(daemon.DrainEvents(t)); // building the starting topology sends no events
        HistoryReconciler.Reconcile(state, TopologyBuilder.Build([daemon.Observe()], 1, t), []);
        var kinds = new List<string>();

        for (var step = 1; step <= 4; step++)
        {
            daemon.Step();
            var at = t.AddSeconds(step * 4);
            var observation = daemon.Observe() with { Cause = ObservationCause.Event, Events = daemon.DrainEvents(at) };
            var ops = HistoryReconciler.Reconcile(state, TopologyBuilder.Build([observation], step + 1, at), [ObservationOrigin.Of(observation)]);
            kinds.AddRange(ops.OfType<RecordEvent>().Select(e => e.Event.Kind));
        }

        Assert.Equal(["container-die", "container-stop", "container-start", HistoryEventKinds.IpChanged, "network-connect", "network-disconnect"], kinds);
        Assert.Equal("worker", Assert.Single(state.IpChanges()).ContainerName);
    }
}
