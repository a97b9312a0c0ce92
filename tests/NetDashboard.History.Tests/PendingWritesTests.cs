using NetDashboard.History.Model;
using NetDashboard.History.Pending;
using NetDashboard.History.Reconciling;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

/// <summary>The queue of writes kept while the database refuses them: merged without loss, bounded with a dated gap.</summary>
public class PendingWritesTests
{
    private const string A = "aaaa000000000000000000000000000000000000000000000000000000000001";

    /// <summary>A container restarted <paramref name="restarts"/> times while the database was locked, as the reconciler records it.</summary>
    private static (HistoryState State, List<HistoryOperation> Operations) Churn(int restarts)
    {
        var state = new HistoryState();
        var operations = new List<HistoryOperation>(HistoryReconciler.Reconcile(state, Snapshot(T0, true, Container(A, "a", "10.231.0.2", "ep-0")), Resync()));
        for (var i = 1; i <= restarts; i++)
        {
            var at = T0.AddSeconds(i);
            operations.AddRange(HistoryReconciler.Reconcile(state, Snapshot(at, true, Container(A, "a", $"10.231.0.{i % 2 + 2}", $"ep-{i}")),
                Live(Event("restart", A, at, "a"))));
        }
        return (state, operations);
    }

    [Fact]
    public void Merging_keeps_what_the_database_would_hold_in_fewer_operations()
    {
        var (_, operations) = Churn(restarts: 10);
        using var plain = new TempDatabase();
        using var merged = new TempDatabase();

        plain.Store.Write(operations);
        var shorter = PendingWrites.Merge(operations);
        merged.Store.Write(shorter);

        Assert.True(shorter.Count < operations.Count, $"{shorter.Count} of {operations.Count}");
        Assert.Single(shorter.OfType<SeeHost>());
        Assert.Empty(shorter.OfType<CloseAssignment>());
        Assert.Equal(Dump(plain), Dump(merged));
        Assert.Equal(1, merged.Store.Counts().OpenAssignments);
    }

    [Fact]
    public void Past_its_capacity_the_queue_drops_the_oldest_events_and_closed_rows_never_an_open_one_and_dates_the_gap()
    {
        var (_, operations) = Churn(restarts: 300);
        var pending = new PendingWrites(capacity: 100);
        foreach (var operation in operations)
        {
            pending.Add([operation]);
        }

        Assert.InRange(pending.Count, 1, 100);
        Assert.True(pending.DroppedTotal > 0);
        using var db = new TempDatabase();
        var batch = pending.Next(10_000);
        db.Store.Write(batch.Operations);
        pending.Written(batch);
        Assert.False(pending.HasWork);

        Assert.Equal(1, db.Store.Counts().OpenAssignments); // the current address is never dropped
        var open = Assert.Single(db.Store.WhoHad("10.231.0.2").Concat(db.Store.WhoHad("10.231.0.3")), r => r.To is null);
        Assert.Equal(T0.AddSeconds(300), open.From);
        var gap = Assert.Single(db.Store.RecentEvents(5000), e => e.Kind == HistoryEventKinds.NotRecorded);
        Assert.Equal(T0, gap.Time); // the first dropped: what the first resync found assigned
        Assert.Matches(@"^\d+ events and \d+ closed address assignments from 2026-11-28 14:00:00 UTC to 2026-11-28 14:0\d:\d\d UTC were not kept", gap.Detail);
        var kept = db.Store.Counts();
        var everything = PendingWrites.Merge(operations);
        Assert.Equal(everything.OfType<RecordEvent>().Count() + everything.OfType<OpenAssignment>().Count(),
            kept.Events - 1 + kept.Assignments + pending.DroppedTotal); // every one written or counted in the gap
    }

    [Fact]
    public void The_status_sentence_counts_what_waits_and_announces_what_was_dropped()
    {
        Assert.Equal("The disk holding the history database '/data/history.db' is full; 1 change is waiting in memory and will be written when space is freed.",
            Storage.HistoryFaults.CannotWrite(Storage.HistoryFaultKind.Full, "/data/history.db", 1));
        Assert.Equal("The history database '/data/history.db' is locked by another program; 37,500 changes are waiting and will be written when it is free."
                     + " To stay within memory, 12,501 older events and closed address assignments were dropped; the history marks that gap with a 'history-not-recorded' event.",
            Storage.HistoryFaults.CannotWrite(Storage.HistoryFaultKind.Locked, "/data/history.db", 37_500, dropped: 12_501));
    }

    private static string Dump(TempDatabase db) => string.Join('\n',
        db.Store.WhoHad("10.231.0.2").Concat(db.Store.WhoHad("10.231.0.3")).OrderBy(r => r.From).Select(r => $"{r.Ipv4} {r.From:O} {r.To:O} {r.EndpointId} {r.Veth}")
            .Concat(db.Store.RecentEvents(5000).Select(e => $"{e.Time:O} {e.Kind} {e.Detail}")));
}
