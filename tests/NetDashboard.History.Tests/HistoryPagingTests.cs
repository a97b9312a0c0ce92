using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

/// <summary>History answers are bounded on both databases: the newest rows, a flag when older ones exist, and pages.</summary>
[Collection(BothDatabasesCollection.Name)]
public class HistoryPagingTests(PostgresFixture postgres)
{
    /// <summary>Container i held 10.231.0.9 from T0 + i minutes to T0 + i minutes + 30 s.</summary>
    private static AssignmentRecord Holder(int i) => new()
    {
        HostId = Host, ContainerId = $"{i:D4}".PadRight(64, 'c'), ContainerName = $"holder{i}", NetworkId = NetId, NetworkName = NetName,
        Ipv4 = "10.231.0.9", From = T0.AddMinutes(i), To = T0.AddMinutes(i).AddSeconds(30),
    };

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void Every_holder_of_an_address_comes_newest_first_in_pages_each_oldest_first(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        db.Store.Write([.. Enumerable.Range(0, 5).Select(i => (HistoryOperation)new OpenAssignment(Holder(i)))]);

        var newest = db.Store.WhoHad("10.231.0.9", limit: 2);
        Assert.True(newest.More);
        Assert.Equal(["holder3", "holder4"], newest.Select(h => h.ContainerName));

        var next = db.Store.WhoHad("10.231.0.9", limit: 2, before: newest[0].From);
        Assert.True(next.More);
        Assert.Equal(["holder1", "holder2"], next.Select(h => h.ContainerName));

        var last = db.Store.WhoHad("10.231.0.9", limit: 2, before: next[0].From);
        Assert.False(last.More);
        Assert.Equal(["holder0"], last.Select(h => h.ContainerName));

        var all = db.Store.WhoHad("10.231.0.9");
        Assert.False(all.More);
        Assert.Equal(5, all.Count);
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void A_container_with_more_events_than_one_answer_holds_shows_the_newest_and_says_so(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var id = Holder(0).ContainerId;
        db.Store.Write([new OpenAssignment(Holder(0)),
            .. Enumerable.Range(0, HistoryStore.MaxRows + 2).Select(i => (HistoryOperation)new RecordEvent(new HistoryEvent
            {
                Time = T0.AddSeconds(i), HostId = Host, Kind = "restart", ContainerId = id, ContainerName = "holder0", Source = "event",
            }))]);

        var found = db.Store.FindContainer("holder0")!;
        Assert.True(found.Truncated);
        Assert.Equal(HistoryStore.MaxRows, found.Events.Count);
        Assert.Equal(T0.AddSeconds(HistoryStore.MaxRows + 1), found.Events[^1].Time); // the newest kept, oldest first
        Assert.Equal(T0.AddSeconds(2), found.Events[0].Time);
        Assert.Single(found.Assignments);
    }
}
