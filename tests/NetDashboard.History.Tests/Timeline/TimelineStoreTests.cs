using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;

namespace NetDashboard.History.Tests.Timeline;

/// <summary>The stored revisions: any time rebuilds the document current then, across runs, restarts and retention — on both databases.</summary>
[Collection(BothDatabasesCollection.Name)]
public sealed class TimelineStoreTests(PostgresFixture postgres)
{
    private static void Store(HistoryStore store, TopologyRecorder recorder, IReadOnlyList<TopologySnapshot> life, DateTimeOffset started)
    {
        var operations = new List<HistoryOperation> { new SeeRun(recorder.Run, started, started) };
        operations.AddRange(TimelineTopologies.WithDeltas(life).Select(x => (HistoryOperation)recorder.Record(x.Snapshot, x.Delta)!));
        operations.Add(new SeeRun(recorder.Run, started, life[^1].GeneratedAt + TimeSpan.FromSeconds(1)));
        store.Write(operations);
    }

    private static string At(HistoryStore store, DateTimeOffset at) => TopologyJson.Serialize(TopologyReplay.Rebuild(store.RevisionChainAt(at)));

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void Any_time_gives_the_document_current_then_exactly_also_when_the_database_is_opened_again(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var life = TimelineTopologies.Life();
        Store(db.Store, new TopologyRecorder("run-1", checkpointEvery: 2), life, Topologies.T0);

        var reopened = new HistoryStore(db.Open());
        foreach (var store in new[] { db.Store, reopened })
        {
            Assert.Empty(store.RevisionChainAt(life[0].GeneratedAt.AddMilliseconds(-1)));
            for (var i = 0; i < life.Count; i++)
            {
                var expected = TopologyJson.Serialize(life[i]);
                Assert.Equal(expected, At(store, life[i].GeneratedAt));
                var next = i + 1 < life.Count ? life[i + 1].GeneratedAt : life[i].GeneratedAt.AddHours(1);
                Assert.Equal(expected, At(store, life[i].GeneratedAt + (next - life[i].GeneratedAt) / 2));
            }
        }
        Assert.Equal((life[0].GeneratedAt.ToUnixTimeMilliseconds(), life[^1].GeneratedAt.ToUnixTimeMilliseconds()),
            (db.Store.RevisionCoverage()!.Value.First.ToUnixTimeMilliseconds(), db.Store.RevisionCoverage()!.Value.Last.ToUnixTimeMilliseconds()));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void A_second_run_restarts_its_revisions_and_the_runs_say_when_nobody_watched(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var first = TimelineTopologies.Life();
        Store(db.Store, new TopologyRecorder("run-1"), first, Topologies.T0);
        var restart = first[^1].GeneratedAt + TimeSpan.FromMinutes(10);
        var second = TimelineTopologies.Life(firstRevision: 1, start: restart);
        Store(db.Store, new TopologyRecorder("run-2"), second, restart);

        Assert.Equal(TopologyJson.Serialize(first[^1]), At(db.Store, restart.AddMinutes(-5)));
        Assert.Equal(TopologyJson.Serialize(second[1]), At(db.Store, second[1].GeneratedAt));
        var runs = db.Store.Runs();
        Assert.Equal(["run-1", "run-2"], runs.Select(r => r.Run));
        Assert.Equal(first[^1].GeneratedAt.AddSeconds(1).ToUnixTimeMilliseconds(), runs[0].AliveUntil.ToUnixTimeMilliseconds());
        Assert.Equal(restart.ToUnixTimeMilliseconds(), runs[1].StartedAt.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void Retention_keeps_the_checkpoint_the_cutoff_needs_and_drops_what_came_before(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var life = TimelineTopologies.Life();
        Store(db.Store, new TopologyRecorder("run-1", checkpointEvery: 2), life, Topologies.T0); // checkpoints: 1, 3, 5

        var cutoff = life[3].GeneratedAt; // revision 4 is current at the cutoff: checkpoint 3 and delta 4 are needed
        var dropped = db.Store.PruneRevisions(cutoff);

        Assert.Equal(2, dropped);
        Assert.Equal(life[2].GeneratedAt.ToUnixTimeMilliseconds(), db.Store.RevisionCoverage()!.Value.First.ToUnixTimeMilliseconds());
        Assert.Equal(TopologyJson.Serialize(life[3]), At(db.Store, cutoff));
        Assert.Equal(TopologyJson.Serialize(life[4]), At(db.Store, life[4].GeneratedAt));
        Assert.Empty(db.Store.RevisionChainAt(life[1].GeneratedAt));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void The_migration_adds_the_revision_tables_to_a_database_of_the_previous_version(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        Assert.Equal(HistoryDatabase.LatestSchemaVersion, db.Store.Database.SchemaVersion());
        Assert.True(HistoryDatabase.LatestSchemaVersion >= 3);
        Assert.Equal((0, 0, 0), db.Store.RevisionCounts());
    }
}
