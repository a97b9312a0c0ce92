using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

/// <summary>The store on both databases (the SQLite file and PostgreSQL): the same rows, the same answers.</summary>
[Collection(BothDatabasesCollection.Name)]
public class HistoryStoreTests(PostgresFixture postgres)
{
    private const string A = "aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string B = "bbbb000000000000000000000000000000000000000000000000000000000002";

    /// <summary>Runs the reconciler on a snapshot and writes what it asks for, as the writer does.</summary>
    private static void Record(HistoryStore store, HistoryState state, Core.Model.TopologySnapshot snapshot, Core.Observation.ObservationOrigin[]? origins = null) =>
        store.Write(HistoryReconciler.Reconcile(state, snapshot, origins ?? Live()));

    /// <summary>A held .2 from T0 to T0+10 s; B took .2 at T0+20 s; A came back on .3 at T0+30 s.</summary>
    private static HistoryState IpSwap(HistoryStore store)
    {
        var state = new HistoryState();
        state.Watching.Add(Host);
        Record(store, state, Snapshot(T0, true, Container(A, "a", "10.231.0.2", "ep-1")));
        Record(store, state, Snapshot(T0.AddSeconds(10), true, Container(A, "a", null, state: "exited")), Live(Event("die", A, T0.AddSeconds(9), "a")));
        Record(store, state, Snapshot(T0.AddSeconds(20), true, Container(A, "a", null, state: "exited"), Container(B, "b", "10.231.0.2", "ep-2")));
        Record(store, state, Snapshot(T0.AddSeconds(30), true, Container(A, "a", "10.231.0.3", "ep-3"), Container(B, "b", "10.231.0.2", "ep-2")));
        return state;
    }

    [Fact]
    public void Opening_creates_the_folder_and_the_file_in_wal_mode_at_the_latest_schema_and_reopening_keeps_it()
    {
        using var db = new TempDatabase();

        Assert.True(File.Exists(db.Path));
        Assert.Equal(HistoryDatabase.LatestSchemaVersion, db.Store.Database.SchemaVersion());
        using (var connection = db.Store.Database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar());
        }
        IpSwap(db.Store);

        var reopened = new HistoryStore(HistoryDatabase.Open(db.Path));
        Assert.Equal(HistoryDatabase.LatestSchemaVersion, reopened.Database.SchemaVersion());
        Assert.Equal(3, reopened.Counts().Assignments);
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void Who_had_an_ip_answers_for_a_moment_with_half_open_intervals_and_over_time_without_one(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        IpSwap(db.Store);

        Assert.Equal("a", Assert.Single(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(5))).ContainerName);
        Assert.Empty(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(10))); // A's end is exclusive
        Assert.Empty(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(15)));
        Assert.Equal("b", Assert.Single(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(20))).ContainerName);
        Assert.Equal("b", Assert.Single(db.Store.WhoHad("10.231.0.2", T0.AddDays(1))).ContainerName); // still open
        Assert.Empty(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(-1)));
        Assert.Equal(["a", "b"], db.Store.WhoHad("10.231.0.2").Select(r => r.ContainerName));
        Assert.Empty(db.Store.WhoHad("10.231.0.2", T0.AddSeconds(5), hostId: "elsewhere"));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void A_container_is_found_by_id_name_or_prefix_with_its_dated_addresses_and_events(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        IpSwap(db.Store);

        foreach (var query in new[] { A, "a", "/a", "aaaa0" })
        {
            var found = db.Store.FindContainer(query);
            Assert.NotNull(found);
            Assert.Equal(A, Assert.Single(found.Containers).ContainerId);
            Assert.Equal(["10.231.0.2", "10.231.0.3"], found.Assignments.Select(r => r.Ipv4));
            Assert.Equal((T0, T0.AddSeconds(10)), (found.Assignments[0].From, found.Assignments[0].To));
            Assert.Null(found.Assignments[1].To);
            Assert.Equal(["container-die", HistoryEventKinds.IpChanged], found.Events.Select(e => e.Kind));
        }
        Assert.Null(db.Store.FindContainer("zz"));
        Assert.Null(db.Store.FindContainer("never-seen"));
        Assert.Null(db.Store.FindContainer("a", hostId: "elsewhere"));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void The_state_loaded_after_a_restart_holds_the_open_rows_the_latest_closed_ones_and_the_last_sighting(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var before = IpSwap(db.Store);

        var state = db.Store.LoadState();

        Assert.Equal(before.Open.Keys.ToHashSet(), state.Open.Keys.ToHashSet());
        Assert.Equal("10.231.0.2", state.Previous[new AssignmentKey(Host, A, NetId)].Ipv4);
        Assert.Equal(T0.AddSeconds(30), state.LastSeen[Host]);
        Assert.Empty(state.Watching);
        Assert.Equal("10.231.0.2 → 10.231.0.3 on app", Assert.Single(state.IpChanges()).Summary);

        // The first snapshot after the restart is unchanged: nothing closes, nothing opens.
        var ops = HistoryReconciler.Reconcile(state, Snapshot(T0.AddMinutes(5), true, Container(A, "a", "10.231.0.3", "ep-3"), Container(B, "b", "10.231.0.2", "ep-2")), Live());
        Assert.DoesNotContain(ops, o => o is OpenAssignment or CloseAssignment);
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void Pruning_drops_closed_rows_and_events_older_than_the_cutoff_but_never_open_rows(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        IpSwap(db.Store);

        var (assignments, events) = db.Store.Prune(T0.AddSeconds(25));

        Assert.Equal((1, 1), (assignments, events)); // A's closed .2 (ended at 10 s) and its die event (9 s)
        Assert.Equal((2L, 2L), (db.Store.Counts().Assignments, db.Store.Counts().OpenAssignments));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void The_same_event_twice_is_stored_once(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var e = new HistoryEvent { Time = T0, HostId = Host, Kind = "container-start", ContainerId = A, ContainerName = "a", Source = HistorySources.Live };

        db.Store.Write([new RecordEvent(e), new RecordEvent(e)]);
        db.Store.Write([new RecordEvent(e)]);

        Assert.Single(db.Store.RecentEvents());
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void At_most_one_assignment_per_container_and_network_is_open(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var row = new AssignmentRecord { HostId = Host, ContainerId = A, ContainerName = "a", NetworkId = NetId, NetworkName = NetName, Ipv4 = "10.231.0.2", From = T0 };
        db.Store.Write([new OpenAssignment(row)]);

        Assert.ThrowsAny<System.Data.Common.DbException>(() => db.Store.Write([new OpenAssignment(row with { Ipv4 = "10.231.0.3" })]));
        Assert.Equal(1, db.Store.Counts().Assignments); // the failed batch left nothing behind
    }

    [Fact]
    public void A_path_that_cannot_be_a_database_is_refused_with_one_sentence()
    {
        var file = Path.GetTempFileName();
        try
        {
            var underFile = Assert.Throws<HistoryUnavailableException>(() => HistoryDatabase.Open(Path.Combine(file, "history.db")));
            Assert.Contains("cannot be created", underFile.Message);

            // A file that is not a database is moved aside, not refused (DatabaseFaultTests): the history starts anew.
            File.WriteAllText(file, "this is not a database, just some text that is long enough to look like a header.....");
            var garbage = HistoryDatabase.Open(file);
            Assert.StartsWith($"The history database '{file}' was damaged (it is not a SQLite database)", garbage.SetAside!.Sentence);
            File.Delete(garbage.SetAside.Path);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void A_database_written_by_a_newer_build_is_refused(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        using (var connection = db.Store.Database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0);";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<HistoryUnavailableException>(() => db.Open());
        Assert.Contains("schema version 999", refused.Message);
    }
}
