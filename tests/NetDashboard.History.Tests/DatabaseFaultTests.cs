using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.TestSupport;
using static NetDashboard.History.Tests.Topologies;

namespace NetDashboard.History.Tests;

/// <summary>The store under real faults: another program's lock, a full file system, a damaged file.</summary>
public class DatabaseFaultTests
{
    private const string A = "aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string B = "bbbb000000000000000000000000000000000000000000000000000000000002";

    private static IReadOnlyList<HistoryOperation> Batch(DateTimeOffset at, int containers = 2)
    {
        var state = new HistoryState();
        var snapshot = Snapshot(at, true, Enumerable.Range(0, containers)
            .Select(i => Container($"{i:x4}".PadRight(64, '0'), $"c{i}", $"10.231.{i / 200}.{i % 200 + 2}", $"ep-{i}")).ToArray());
        return HistoryReconciler.Reconcile(state, snapshot, Resync());
    }

    [Fact]
    public void A_write_under_another_programs_exclusive_lock_fails_as_locked_within_the_busy_timeout_and_the_same_batch_is_written_once_after()
    {
        using var db = new TempDatabase();
        var batch = Batch(T0);
        using var other = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        var refused = Assert.ThrowsAny<Exception>(() => db.Store.Write(batch));
        Assert.Equal(HistoryFaultKind.Locked, HistoryFaults.Classify(refused));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(HistoryDatabase.BusyTimeoutSeconds - 0.5), TimeSpan.FromSeconds(HistoryDatabase.BusyTimeoutSeconds + 5));
        Assert.Equal(0, db.Store.Counts().Assignments); // readers are not blocked in WAL mode, and nothing half-written
        var sentence = HistoryFaults.CannotWrite(HistoryFaults.Classify(refused), db.Path, batch.Count);
        Assert.Equal($"The history database '{db.Path}' is locked by another program; {batch.Count} changes are waiting and will be written when it is free.", sentence);

        using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
        }
        db.Store.Write(batch);
        Assert.Equal((2L, 2L), (db.Store.Counts().Assignments, db.Store.Counts().OpenAssignments));
    }

    [Fact]
    public async Task A_full_file_system_fails_writes_as_full_and_the_same_batch_is_written_once_space_is_freed()
    {
        await using var fs = await SmallFileSystem.MountAsync(megabytes: 2);
        var path = Path.Combine(fs.Root, "history.db");
        var store = new HistoryStore(HistoryDatabase.Open(path));
        store.Write(Batch(T0, containers: 1));
        fs.Fill();

        var batch = Batch(T0.AddMinutes(1), containers: 400).Where(o => o is not OpenAssignment { Record.ContainerName: "c0" }).ToList();
        var refused = Assert.ThrowsAny<Exception>(() => store.Write(batch));
        Assert.True(HistoryFaults.Classify(refused) == HistoryFaultKind.Full, $"{fs.Kind}: {refused}");
        Assert.StartsWith($"The disk holding the history database '{path}' is full; ", HistoryFaults.CannotWrite(HistoryFaultKind.Full, path, batch.Count));

        // Reading needs room too (WAL mode makes its -shm index on opening): a sentence, not "disk I/O error".
        var unread = Record.Exception(() => store.Counts());
        if (unread is not null)
        {
            Assert.Equal(HistoryFaultKind.Full, HistoryFaults.Classify(unread));
        }

        fs.Free();
        Assert.Equal(1, store.Counts().Assignments); // nothing half-written
        store.Write(batch);
        Assert.Equal(400, store.Counts().OpenAssignments);
        Assert.Equal(400, store.Counts().Assignments);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("tiny")]
    public void A_damaged_file_at_opening_is_moved_aside_untouched_and_a_new_database_started(string damage)
    {
        using var db = new TempDatabase();
        var time = new FixedTime(new DateTimeOffset(2026, 12, 7, 18, 0, 5, TimeSpan.Zero));
        for (var i = 0; i < 20; i++)
        {
            db.Store.Write(Batch(T0.AddMinutes(i), containers: 50).Select(o => o is OpenAssignment open ? new OpenAssignment(open.Record with { ContainerId = $"{i}-{open.Record.ContainerId}", To = T0.AddMinutes(i + 1) }) : o).ToList());
        }
        var length = new FileInfo(db.Path).Length;
        Assert.True(length > 64 * 1024, $"the database is only {length} bytes");
        var bytes = damage switch
        {
            "garbage" => Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7919 % 251)).ToArray(),
            "truncated" => File.ReadAllBytes(db.Path)[..(int)(length / 2 + 1000)], // cut mid-page
            _ => "oops"u8.ToArray(),
        };
        File.WriteAllBytes(db.Path, bytes);

        var reopened = HistoryDatabase.Open(db.Path, time);

        var aside = db.Path + ".damaged-20261207T180005Z";
        Assert.NotNull(reopened.SetAside);
        Assert.Equal(aside, reopened.SetAside.Path);
        Assert.Equal(bytes, File.ReadAllBytes(aside)); // never deleted nor changed
        Assert.Equal($"The history database '{db.Path}' was damaged ({(damage == "truncated" ? "its pages do not pass SQLite's check" : "it is not a SQLite database")}); it was moved aside to '{aside}' and a new one was started.", reopened.SetAside.Sentence);
        Assert.DoesNotContain("SQLite Error", reopened.SetAside.Sentence);
        var fresh = new HistoryStore(reopened);
        Assert.Equal(0, fresh.Counts().Assignments);
        fresh.Write(Batch(T0));
        Assert.Equal(2, fresh.Counts().OpenAssignments);
        Assert.Null(HistoryDatabase.Open(db.Path, time).SetAside); // said once: the new file is healthy
    }

    [Fact]
    public void A_file_damaged_while_in_use_fails_the_next_write_as_corrupt()
    {
        using var db = new TempDatabase();
        db.Store.Write(Batch(T0));
        File.WriteAllBytes(db.Path, Enumerable.Repeat((byte)0x5a, 16384).ToArray());

        var refused = Assert.ThrowsAny<Exception>(() => db.Store.Write(Batch(T0.AddMinutes(1))));
        Assert.Equal(HistoryFaultKind.Corrupt, HistoryFaults.Classify(refused));

        var fresh = new HistoryStore(HistoryDatabase.StartOver(db.Path, TimeProvider.System, refused));
        Assert.Contains("was damaged (it is not a SQLite database); it was moved aside to", fresh.Database.SetAside!.Sentence);
        Assert.True(File.Exists(fresh.Database.SetAside.Path));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
