using NetDashboard.Core.Model;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

/// <summary>A host that stops answering and comes back: rows stay open (nothing doubled) and each outage is one dated event.</summary>
public class OutageGapTests
{
    private const string A = "aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string B = "bbbb000000000000000000000000000000000000000000000000000000000002";

    private static readonly ContainerInfo[] Running = [Container(A, "a", "10.231.0.2", "ep-a"), Container(B, "b", "10.231.0.3", "ep-b")];

    /// <summary>What the store publishes for a host that stopped answering: its last topology, stale.</summary>
    private static TopologySnapshot Stale(DateTimeOffset at, DateTimeOffset lastSeen) => Snapshot(at, true, Running) with
    {
        Hosts = [new HostInfo
        {
            Id = Host, Name = Host, Endpoint = "unix:///var/run/docker.sock", Status = HostStatus.Disconnected, Stale = true,
            LastSeenAt = lastSeen, Error = "The daemon at unix:///var/run/docker.sock is not answering.",
        }],
    };

    [Fact]
    public void Each_outage_of_several_is_one_event_dated_from_last_seen_to_back_and_every_container_keeps_one_open_row()
    {
        using var db = new TempDatabase();
        var state = new HistoryState();
        db.Store.Write(HistoryReconciler.Reconcile(state, Snapshot(T0, true, Running), Resync()));

        var cycles = 5;
        for (var i = 0; i < cycles; i++)
        {
            var lastSeen = T0.AddMinutes(10 * i).AddSeconds(1);
            db.Store.Write(HistoryReconciler.Reconcile(state, Snapshot(lastSeen, true, Running), Live()));
            for (var s = 1; s <= 3; s++) // several snapshots while it is away: still one outage
            {
                db.Store.Write(HistoryReconciler.Reconcile(state, Stale(lastSeen.AddSeconds(s), lastSeen), []));
            }
            db.Store.Write(HistoryReconciler.Reconcile(state, Snapshot(lastSeen.AddSeconds(29), true, Running), Resync()));
        }

        foreach (var id in new[] { A, B })
        {
            var rows = db.Store.FindContainer(id)!.Assignments;
            Assert.Equal(T0, Assert.Single(rows).From); // never closed and reopened
            Assert.Null(rows[0].To);
        }
        var gaps = db.Store.RecentEvents(100).Where(e => e.Kind == HistoryEventKinds.HostNotAnswering).OrderBy(e => e.Time).ToList();
        Assert.Equal(cycles, gaps.Count);
        Assert.Equal(Enumerable.Range(0, cycles).Select(i => T0.AddMinutes(10 * i).AddSeconds(1)), gaps.Select(g => g.Time));
        Assert.Equal(
            "local did not answer from 2026-11-28 14:00:01 UTC to 2026-11-28 14:00:30 UTC (29 s): The daemon at unix:///var/run/docker.sock is not answering; "
            + "its addresses stayed recorded, and what changed meanwhile was observed at the resync.", gaps[0].Detail);
        Assert.All(gaps, g => Assert.Equal(Host, g.HostId));

        // Written again (a replayed batch): still one event per outage.
        db.Store.Write(gaps.Select(g => (HistoryOperation)new RecordEvent(g)).ToList());
        Assert.Equal(cycles, db.Store.RecentEvents(100).Count(e => e.Kind == HistoryEventKinds.HostNotAnswering));
    }

    [Fact]
    public void A_host_never_seen_answering_since_the_start_has_no_outage_to_mark()
    {
        var state = new HistoryState();
        var operations = HistoryReconciler.Reconcile(state, Stale(T0, T0), [])
            .Concat(HistoryReconciler.Reconcile(state, Snapshot(T0.AddSeconds(5), true, Running), Resync()));
        Assert.DoesNotContain(operations.OfType<RecordEvent>(), e => e.Event.Kind == HistoryEventKinds.HostNotAnswering);
    }
}
