using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetDashboard.Api;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.History.Storage;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// The app's history under real database faults, fed by the demo daemon (a change every 0.2 s): another program's
/// exclusive lock, a full loop-mounted file system, a file damaged before start-up or while in use. Each time the
/// status says why in a sentence, the live topology keeps moving, and once the fault ends the changes kept in
/// memory are written, nothing lost and nothing doubled.
/// </summary>
public sealed class DatabaseFaultAppTests
{
    private static DashboardFactory Demo(string databasePath, CapturingLoggerProvider? logs = null, int maxWaitingRevisions = 20_000) => new(new Dictionary<string, string?>
    {
        ["NetDashboard:Source"] = "Demo",
        ["NetDashboard:DemoIntervalSeconds"] = "0.2",
        ["NetDashboard:History:DatabasePath"] = databasePath,
        ["NetDashboard:History:MaxWaitingRevisions"] = maxWaitingRevisions.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
    {
        TestServices = logs is null ? null : s => s.AddLogging(b => b.AddProvider(logs)),
    };

    /// <summary>
    /// Another program's connection in exclusive locking mode, after a write: nobody else may open the file (not even
    /// to read) until it is disposed.
    /// </summary>
    private static SqliteConnection HoldExclusively(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA locking_mode=EXCLUSIVE;
            INSERT INTO hosts (host_id, last_seen) VALUES ('another-program', 0);
            DELETE FROM hosts WHERE host_id = 'another-program';
            """;
        command.ExecuteNonQuery();
        return connection;
    }

    private static async Task<HistoryStatusResponse> StatusAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<HistoryStatusResponse>("/api/history", TopologyJson.Options))!;

    private static async Task<HistoryStatusResponse> WaitForStatusAsync(HttpClient http, Func<HistoryStatusResponse, bool> condition, string what)
    {
        HistoryStatusResponse? last = null;
        await Eventually.WaitUntilAsync(async () => condition(last = await StatusAsync(http)), what, describe: () => TopologyJson.Serialize(last));
        return last!;
    }

    /// <summary>The live view keeps going: a newer topology is published and served while history is in trouble.</summary>
    private static async Task AssertLiveViewMovesAsync(DashboardFactory app, HttpClient http)
    {
        var revision = app.Store.Current.Revision;
        await app.WaitForAsync(t => t.Revision > revision + 2, TimeSpan.FromSeconds(10), "the demo topology still changing");
        using var topology = await http.GetAsync("/api/topology");
        Assert.Equal(HttpStatusCode.OK, topology.StatusCode);
    }

    /// <summary>Rows the database holds, by what must be unique, to prove nothing was written twice.</summary>
    private static (long Events, long DistinctEvents, long OpenRows, long DistinctOpen) Census(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM events),
                   (SELECT COUNT(*) FROM (SELECT DISTINCT host_id, time, kind, container_id, network_id, detail FROM events)),
                   (SELECT COUNT(*) FROM assignments WHERE valid_to IS NULL),
                   (SELECT COUNT(*) FROM (SELECT DISTINCT host_id, container_id, network_id FROM assignments WHERE valid_to IS NULL));
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static long EventsBetween(string path, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM events WHERE time >= $from AND time <= $to;";
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), "nd-dbfault-" + Guid.NewGuid().ToString("N"), "history.db");

    [Fact]
    public async Task Locked_by_another_program_the_changes_wait_in_memory_with_a_sentence_and_are_written_once_when_it_is_free()
    {
        var path = TempPath();
        try
        {
            await using var app = Demo(path);
            var http = app.CreateClient();
            await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.Events > 0, "history written");

            DateTimeOffset lockedAt;
            using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                other.Open();
                using (var begin = other.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE;";
                    begin.ExecuteNonQuery();
                }
                lockedAt = DateTimeOffset.UtcNow;
                var locked = await WaitForStatusAsync(http, s => s.Problem is not null && s.Waiting > 20, "the lock reported with changes waiting");
                Assert.Matches($"^The history database '{System.Text.RegularExpressions.Regex.Escape(path)}' is locked by another program; [0-9,]+ changes are waiting and will be written when it is free\\.$", locked.Problem);
                Assert.Equal(HistoryAvailability.Available, locked.Status);
                await AssertLiveViewMovesAsync(app, http);
                using var events = await http.GetAsync("/api/history/events"); // readers are not blocked in WAL mode
                Assert.Equal(HttpStatusCode.OK, events.StatusCode);
                using var commit = other.CreateCommand();
                commit.CommandText = "ROLLBACK;";
                commit.ExecuteNonQuery();
            }
            var releasedAt = DateTimeOffset.UtcNow;

            var free = await WaitForStatusAsync(http, s => s.Problem is null && s.Waiting == 0, "the waiting changes written");
            Assert.True(EventsBetween(path, lockedAt, releasedAt) > 0, "the demo's events during the lock were lost");
            var census = Census(path);
            Assert.Equal(census.Events, census.DistinctEvents);
            Assert.Equal(census.OpenRows, census.DistinctOpen);
            Assert.True(free.OpenAssignments > 0);
        }
        finally
        {
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public async Task Locked_for_so_long_that_revisions_reach_their_limit_recording_stops_and_the_timeline_says_nothing_was_recorded_then()
    {
        var path = TempPath();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var app = Demo(path, logs, maxWaitingRevisions: 5);
            var http = app.CreateClient();
            await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.Events > 0, "history written");

            DateTimeOffset stoppedAt;
            using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                other.Open();
                using (var begin = other.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE;";
                    begin.ExecuteNonQuery();
                }
                await Eventually.WaitUntilAsync(() => logs.Entries.Any(e => e.Message.StartsWith("History stopped recording topology revisions", StringComparison.Ordinal)), "recording stopped past 5 waiting revisions",
                    describe: () => string.Join('\n', logs.Entries.Select(e => e.Message)));
                stoppedAt = DateTimeOffset.UtcNow;
                await AssertLiveViewMovesAsync(app, http); // the live view never waits
                using var rollback = other.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            }
            await Eventually.WaitUntilAsync(() => logs.Entries.Any(e => e.Message.StartsWith("History records topology revisions again", StringComparison.Ordinal)), "recording resumed once the database is free",
                describe: () => string.Join('\n', logs.Entries.Select(e => e.Message)));
            var resumedRevision = app.Store.Current.Revision;
            Assert.True(await app.Services.GetRequiredService<HistoryAccess>().WaitForRecordedAsync(resumedRevision, TimeSpan.FromSeconds(20)),
                "the new run's revisions were never stored");

            // The span between the last stored revision and the new run: "nothing was recorded", never the stale document as current.
            var at = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/topology?at={Uri.EscapeDataString(stoppedAt.ToString("O"))}", TopologyJson.Options);
            var gap = at!["unobserved"]!["message"]!.GetValue<string>();
            Assert.StartsWith("Nothing was recorded at ", gap);
            Assert.Contains("the history database refused writes for so long that", gap);
            var changes = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(
                $"/api/topology/changes?from={Uri.EscapeDataString(stoppedAt.AddMinutes(-5).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}&limit=1000", TopologyJson.Options);
            Assert.Contains(changes!["changes"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "not-recorded"
                && c["summary"]!.GetValue<string>().StartsWith("Nothing was recorded from ", StringComparison.Ordinal));
            // And now? The live document again, as recorded by the new run.
            var now = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/topology?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", TopologyJson.Options);
            Assert.Null(now!["unobserved"]);
        }
        finally
        {
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public async Task Locked_at_start_and_for_readers_history_says_so_in_sentences_logs_the_exception_and_starts_when_free()
    {
        var path = TempPath();
        var logs = new CapturingLoggerProvider();
        try
        {
            HistoryDatabase.Open(path);
            DashboardFactory app;
            using (HoldExclusively(path))
            {
                app = Demo(path, logs);
                var http = app.CreateClient();
                var waiting = await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Unavailable, "history unavailable while locked");
                Assert.Equal($"The history database '{path}' is locked by another program, so it cannot be opened. History starts as soon as it can be opened (tried every 5 s); the live view is not affected.", waiting.Reason);
                await AssertLiveViewMovesAsync(app, http);
            }
            await using (app)
            {
                var http = app.CreateClient();
                await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.OpenAssignments > 0, "history started once the lock is gone");

                using (HoldExclusively(path))
                {
                    using var refused = await http.GetAsync("/api/history/events");
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                    using var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
                    Assert.Equal($"The history database '{path}' is locked by another program; try again when it is free.", problem.RootElement.GetProperty("detail").GetString());
                    var status = await WaitForStatusAsync(http, s => s.Problem is not null, "the writer reporting the lock");
                    Assert.Contains("is locked by another program;", status.Problem);
                    Assert.Null(status.Events); // not counted while unreadable, never a made-up 0
                    await AssertLiveViewMovesAsync(app, http);
                }
                await WaitForStatusAsync(http, s => s.Problem is null && s.Waiting == 0 && s.Events > 0, "the waiting changes written");
                var census = Census(path);
                Assert.Equal(census.Events, census.DistinctEvents);
                Assert.Equal(census.OpenRows, census.DistinctOpen);
            }
            var history = logs.Entries.Where(e => e.Category.StartsWith("NetDashboard.History", StringComparison.Ordinal)).ToList();
            Assert.Contains(history, e => e.Level == LogLevel.Error && e.Message.Contains("cannot be opened") && e.Message.Contains("SqliteException"));
            Assert.Contains(history, e => e.Level == LogLevel.Warning && e.Message.Contains("is locked by another program;") && e.Message.Contains("SqliteException"));
            Assert.Contains(history, e => e.Message.StartsWith("History is written again", StringComparison.Ordinal));
        }
        finally
        {
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public async Task On_a_full_disk_the_changes_wait_in_memory_with_a_sentence_and_are_written_when_space_is_freed()
    {
        await using var fs = await SmallFileSystem.MountAsync(megabytes: 4);
        var path = Path.Combine(fs.Root, "history.db");
        await using var app = Demo(path);
        var http = app.CreateClient();
        await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.Events > 0, "history written");

        fs.Fill();
        var fullAt = DateTimeOffset.UtcNow;
        var full = await WaitForStatusAsync(http, s => s.Problem is not null && s.Waiting > 20, "the full disk reported with changes waiting");
        Assert.StartsWith($"The disk holding the history database '{path}' is full; ", full.Problem);
        Assert.EndsWith(" changes are waiting in memory and will be written when space is freed.", full.Problem);
        await AssertLiveViewMovesAsync(app, http);

        fs.Free();
        var freedAt = DateTimeOffset.UtcNow;
        await WaitForStatusAsync(http, s => s.Problem is null && s.Waiting == 0, "the waiting changes written");
        Assert.True(EventsBetween(path, fullAt, freedAt) > 0, "the demo's events while the disk was full were lost");
        var census = Census(path);
        Assert.Equal(census.Events, census.DistinctEvents);
        Assert.Equal(census.OpenRows, census.DistinctOpen);
        await app.DisposeAsync(); // closes the file before the file system is unmounted
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task A_damaged_database_at_start_is_moved_aside_said_once_and_a_new_one_records(string damage)
    {
        var path = TempPath();
        try
        {
            var store = new HistoryStore(HistoryDatabase.Open(path));
            for (var i = 0; i < 300; i++)
            {
                store.Write([new NetDashboard.History.Reconciling.RecordEvent(new HistoryEvent
                {
                    Time = DateTimeOffset.UnixEpoch.AddMinutes(i), HostId = "old", Kind = "container-start", Detail = new string('x', 200), Source = "live",
                })]);
            }
            var bytes = File.ReadAllBytes(path);
            bytes = damage == "garbage" ? bytes.Select((b, i) => (byte)(b ^ 0xA5 ^ i)).ToArray() : bytes[..(bytes.Length / 2 + 777)];
            File.WriteAllBytes(path, bytes);

            await using var app = Demo(path);
            var http = app.CreateClient();
            var status = await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.OpenAssignments > 0, "a new history recording");

            var aside = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "history.db.damaged-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
            Assert.Equal(bytes, File.ReadAllBytes(aside));
            Assert.Matches("^The history database '.*' was damaged \\((it is not a SQLite database|its pages do not pass SQLite's check)\\); it was moved aside to '.*\\.damaged-\\d{8}T\\d{6}Z' and a new one was started\\.$", status.Notice);
            Assert.Null(status.Problem);
            Assert.DoesNotContain("SQLite Error", status.Notice);
            using var page = await http.GetAsync("/history");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("data-history-notice", html);
            Assert.Contains("and a new one was started.", html);
            Assert.Contains(Path.GetFileName(aside), html);
        }
        finally
        {
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public async Task A_database_damaged_while_in_use_is_moved_aside_and_a_new_one_records_the_live_topology()
    {
        var path = TempPath();
        try
        {
            await using var app = Demo(path);
            var http = app.CreateClient();
            await WaitForStatusAsync(http, s => s.Status == HistoryAvailability.Available && s.OpenAssignments > 0, "history written");

            File.WriteAllBytes(path, Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31 % 253)).ToArray());

            var status = await WaitForStatusAsync(http, s => s.Notice is not null && s.OpenAssignments > 0, "a new database recording again");
            Assert.Contains("was damaged (it is not a SQLite database); it was moved aside to", status.Notice);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "history.db.damaged-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
            await AssertLiveViewMovesAsync(app, http);
            var census = Census(path);
            Assert.Equal(census.OpenRows, census.DistinctOpen);
        }
        finally
        {
            DeleteFolder(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>
    /// Removes a test's folder. SQLite may still be closing the app's file (its -wal and -shm go last) when the app's
    /// dispose returns, so a file that appears while the folder is emptied is removed on a second pass.
    /// </summary>
    private static void DeleteFolder(string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }
    }
}
