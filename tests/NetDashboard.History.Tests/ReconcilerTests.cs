using NetDashboard.Core.Model;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

public class ReconcilerTests
{
    private const string A = "aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string B = "bbbb000000000000000000000000000000000000000000000000000000000002";

    /// <summary>A state that has watched the host since <paramref name="at"/> with <paramref name="containers"/> running.</summary>
    private static HistoryState Watching(DateTimeOffset at, params ContainerInfo[] containers)
    {
        var state = new HistoryState();
        HistoryReconciler.Reconcile(state, Snapshot(at, true, containers), Live());
        return state;
    }

    [Fact]
    public void The_first_snapshot_opens_an_assignment_per_addressed_endpoint_observed_at_resync_from_the_containers_start()
    {
        var state = new HistoryState();
        var started = T0.AddMinutes(-5);

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0, true,
            Container(A, "web", "10.231.0.2", startedAt: started),
            Container("host1", "monitor", null, mode: NetworkModeKind.Host) with { Endpoints = [new EndpointInfo { NetworkId = "h", NetworkName = "host" }] },
            Container("none1", "batch", null, mode: NetworkModeKind.None) with { Endpoints = [new EndpointInfo { NetworkId = "n", NetworkName = "none" }] },
            Container(B, "stopped", null, state: "exited")), Live());

        var open = Assert.Single(ops.OfType<OpenAssignment>()).Record;
        Assert.Equal(("web", "10.231.0.2", 29, "veth1234567", "eth0"), (open.ContainerName, open.Ipv4, open.Ipv4PrefixLength, open.Veth, open.ContainerInterface));
        Assert.Equal(started, open.From);
        Assert.True(open.OpenedAtResync);
        Assert.Contains(ops.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.AddressAssigned && e.Event.Source == HistorySources.Resync);
        Assert.Equal(T0, Assert.Single(ops.OfType<SeeHost>()).Time);
        Assert.Single(state.Open);
        Assert.Contains(Host, state.Watching);
    }

    [Fact]
    public void A_live_stop_closes_and_a_restart_on_a_new_ip_opens_with_an_ip_changed_event_and_badge()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2", "ep-1"));

        var stop = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(10), true, Container(A, "a", null, state: "exited")),
            Live(Event("die", A, T0.AddSeconds(9), "a"), Event("stop", A, T0.AddSeconds(9), "a")));
        var close = Assert.Single(stop.OfType<CloseAssignment>());
        Assert.Equal((T0.AddSeconds(10), false), (close.To, close.AtResync));
        Assert.Equal(["container-die", "container-stop"], stop.OfType<RecordEvent>().Select(e => e.Event.Kind));
        Assert.All(stop.OfType<RecordEvent>(), e => Assert.Equal(("a", HistorySources.Live), (e.Event.ContainerName, e.Event.Source)));
        Assert.Empty(state.Open);

        var start = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(30), true,
            Container(A, "a", "10.231.0.3", "ep-2"), Container(B, "b", "10.231.0.2", "ep-3")), Live(Event("start", A, T0.AddSeconds(29))));
        var opened = start.OfType<OpenAssignment>().Select(o => o.Record).ToList();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, r => Assert.Equal((T0.AddSeconds(30), false), (r.From, r.OpenedAtResync)));
        var changed = Assert.Single(start.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.IpChanged).Event;
        Assert.Equal(("a", "10.231.0.2 → 10.231.0.3", HistorySources.Live), (changed.ContainerName, changed.Detail, changed.Source));
        Assert.Equal("a", start.OfType<RecordEvent>().Single(e => e.Event.Kind == "container-start").Event.ContainerName); // named from the snapshot

        var badge = Assert.Single(state.IpChanges());
        Assert.Equal((A, "10.231.0.2", "10.231.0.3", NetName), (badge.ContainerId, badge.PreviousIpv4, badge.CurrentIpv4, badge.NetworkName));
        Assert.Equal("10.231.0.2 → 10.231.0.3 on app", badge.Summary);
    }

    [Fact]
    public void A_restart_that_keeps_the_ip_is_a_new_assignment_but_no_ip_change()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2", "ep-1"));

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(5), true, Container(A, "a", "10.231.0.2", "ep-2", veth: "veth7654321")), Live());

        Assert.Single(ops.OfType<CloseAssignment>());
        Assert.Equal("veth7654321", Assert.Single(ops.OfType<OpenAssignment>()).Record.Veth);
        Assert.DoesNotContain(ops.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.IpChanged);
        Assert.Empty(state.IpChanges());
    }

    [Fact]
    public void A_disconnected_host_or_a_snapshot_without_answer_closes_nothing_and_its_unchanged_rows_stay_open_after()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2"));

        Assert.DoesNotContain(HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(5), connected: false), Live()), o => o is not RecordEvent);
        Assert.Empty(HistoryReconciler.Reconcile(state, TopologySnapshot.Empty, []));
        Assert.Single(state.Open);
        Assert.DoesNotContain(Host, state.Watching);

        var back = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(60), true, Container(A, "a", "10.231.0.2")), Live());
        Assert.Equal([typeof(RecordEvent), typeof(SeeHost)], back.Select(o => o.GetType()));
        Assert.Equal(HistoryEventKinds.HostNotAnswering, ((RecordEvent)back[0]).Event.Kind); // the outage, dated (OutageGapTests)
        Assert.Single(state.Open);
    }

    [Fact]
    public void After_a_restart_of_the_dashboard_a_removed_container_is_closed_at_resync_no_later_than_the_one_that_took_its_ip()
    {
        // Loaded from the database: A held .2 when the dashboard last saw the host.
        var lastSeen = T0;
        var stored = new AssignmentRecord
        {
            HostId = Host, ContainerId = A, ContainerName = "a", NetworkId = NetId, NetworkName = NetName, EndpointId = "ep-1",
            Ipv4 = "10.231.0.2", From = T0.AddMinutes(-10),
        };
        var state = HistoryState.From([stored], [], new Dictionary<string, DateTimeOffset> { [Host] = lastSeen });
        var bStarted = T0.AddMinutes(3);
        var now = T0.AddMinutes(10);

        // Meanwhile A was removed and B started on its address.
        var ops = HistoryReconciler.Reconcile(state, Snapshot(now, true, Container(B, "b", "10.231.0.2", "ep-9", startedAt: bStarted)), Live());

        var close = Assert.Single(ops.OfType<CloseAssignment>());
        Assert.Equal((stored.Key, bStarted, true), (close.Key, close.To, close.AtResync));
        var open = Assert.Single(ops.OfType<OpenAssignment>()).Record;
        Assert.Equal((B, bStarted, true), (open.ContainerId, open.From, open.OpenedAtResync));
        var released = Assert.Single(ops.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.AddressReleased).Event;
        Assert.Equal(("a", HistorySources.Resync), (released.ContainerName, released.Source));
        Assert.Contains("observed at resync", released.Detail);
    }

    [Fact]
    public void After_the_daemon_comes_back_a_container_restarted_meanwhile_is_closed_and_reopened_at_resync_dated_by_its_start()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2", "ep-1", startedAt: T0.AddMinutes(-1)));
        HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(5), connected: false), Live()); // the daemon went away
        var restarted = T0.AddSeconds(40);

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddMinutes(1), true, Container(A, "a", "10.231.0.4", "ep-2", startedAt: restarted)),
            [new NetDashboard.Core.Observation.ObservationOrigin(Host, true, NetDashboard.Core.Observation.ObservationCause.Initial, [])]);

        var close = Assert.Single(ops.OfType<CloseAssignment>());
        Assert.Equal((restarted, true), (close.To, close.AtResync));
        var open = Assert.Single(ops.OfType<OpenAssignment>()).Record;
        Assert.Equal(("10.231.0.4", restarted, true), (open.Ipv4, open.From, open.OpenedAtResync));
        var changed = Assert.Single(ops.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.IpChanged).Event;
        Assert.Equal(HistorySources.Resync, changed.Source);
    }

    [Fact]
    public void A_start_seen_at_resync_is_never_dated_before_the_host_was_last_seen()
    {
        var state = HistoryState.From([], [], new Dictionary<string, DateTimeOffset> { [Host] = T0 });

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddMinutes(5), true, Container(A, "a", "10.231.0.2", startedAt: T0.AddHours(-1))), Live());

        Assert.Equal(T0, Assert.Single(ops.OfType<OpenAssignment>()).Record.From);
    }

    [Fact]
    public void A_periodic_resync_that_finds_a_change_marks_it_as_observed_at_resync()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2"));

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(30), true), Resync());

        Assert.True(Assert.Single(ops.OfType<CloseAssignment>()).AtResync);
        Assert.Equal(T0.AddSeconds(30), state.Previous.Values.Single().To);
    }

    [Fact]
    public void What_the_first_sighting_lacked_is_filled_in_once_without_a_new_assignment()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2", veth: null));

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(1), true, Container(A, "a", "10.231.0.2", veth: "vethabcdef0")), Live());
        var again = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(2), true, Container(A, "a", "10.231.0.2", veth: "vethabcdef0")), Live());

        var complete = Assert.Single(ops.OfType<CompleteAssignment>());
        Assert.Equal(("vethabcdef0", "eth0"), (complete.Veth, complete.ContainerInterface));
        Assert.Empty(again.OfType<CompleteAssignment>());
        Assert.Empty(ops.OfType<OpenAssignment>());
    }

    [Fact]
    public void A_network_event_is_named_from_the_snapshot_or_from_what_the_history_knows_of_a_removed_container()
    {
        var state = Watching(T0, Container(A, "a", "10.231.0.2"));
        var disconnect = new NetDashboard.Core.Observation.ObservedEvent
        {
            Time = T0.AddSeconds(3), Type = "network", Action = "disconnect", ActorId = NetId, ContainerId = A, NetworkId = NetId,
        };

        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(4), true), Live(disconnect));

        var recorded = ops.OfType<RecordEvent>().Single(e => e.Event.Kind == "network-disconnect").Event;
        Assert.Equal(("a", NetName, T0.AddSeconds(3)), (recorded.ContainerName, recorded.NetworkName, recorded.Time));
    }

    [Fact]
    public void Addresses_are_stored_in_one_spelling()
    {
        Assert.Equal("fd00::5", IpText.Normalize("FD00:0:0::5"));
        Assert.True(IpText.TryParse(" 172.17.0.5 ", out var v4));
        Assert.Equal("172.17.0.5", v4);
        Assert.False(IpText.TryParse("5", out _));
        Assert.False(IpText.TryParse("172.17.0.5/16", out _));
        Assert.False(IpText.TryParse("web", out _));
    }
}
