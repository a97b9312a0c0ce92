using System.Data.Common;
using NetDashboard.History.Timeline;

namespace NetDashboard.History.Storage;

/// <summary>The stored revisions of the topology document and the dashboard runs that observed them.</summary>
public sealed partial class HistoryStore
{
    private const string RevisionColumns = "id, run, revision, generated_at_ticks, checkpoint, body";

    /// <summary>The time of the oldest and newest stored revision; null when none is stored.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? RevisionCoverage()
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(time), MAX(time) FROM topology_revisions;";
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return null;
        }
        return (DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
    }

    /// <summary>
    /// The rows that rebuild the revision current at <paramref name="at"/> (the newest stored at or before it): its
    /// run's last checkpoint up to it, then every row of that run after the checkpoint up to it. Empty when none.
    /// </summary>
    public IReadOnlyList<RevisionRecord> RevisionChainAt(DateTimeOffset at)
    {
        using var connection = Database.Connect();
        var target = Revisions(connection, "WHERE time <= @at ORDER BY time DESC, id DESC LIMIT 1", p => p.AddWithValue("@at", at.ToUnixTimeMilliseconds()));
        if (target.Count == 0)
        {
            return [];
        }
        var row = target[0];
        return Revisions(connection, """
            WHERE run = @run AND id <= @id AND id >= (
                SELECT MAX(id) FROM topology_revisions WHERE run = @run AND id <= @id AND checkpoint = 1)
            ORDER BY id
            """, p =>
        {
            p.AddWithValue("@run", row.Run);
            p.AddWithValue("@id", row.Id);
        });
    }

    /// <summary>The rows stored after <paramref name="after"/> (exclusive) up to <paramref name="upTo"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<RevisionRecord> RevisionsBetween(DateTimeOffset after, DateTimeOffset upTo, int limit)
    {
        using var connection = Database.Connect();
        return Revisions(connection, "WHERE time > @after AND time <= @to ORDER BY time, id LIMIT @limit", p =>
        {
            p.AddWithValue("@after", after.ToUnixTimeMilliseconds());
            p.AddWithValue("@to", upTo.ToUnixTimeMilliseconds());
            p.AddWithValue("@limit", limit);
        });
    }

    /// <summary>The times of the newest <paramref name="limit"/> revisions stored before <paramref name="before"/>, oldest first: the timeline's ticks.</summary>
    public IReadOnlyList<(DateTimeOffset Time, long Revision)> RevisionTimes(DateTimeOffset before, int limit)
    {
        using var connection = Database.Connect();
        var newest = Query(connection, "SELECT generated_at_ticks, revision FROM topology_revisions WHERE time < @before ORDER BY time DESC, id DESC LIMIT @limit;", p =>
        {
            p.AddWithValue("@before", before.ToUnixTimeMilliseconds());
            p.AddWithValue("@limit", limit);
        }, reader => (new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetInt64(1)));
        newest.Reverse();
        return newest;
    }

    /// <summary>
    /// Every dashboard run with revisions or sightings kept, oldest first; a run was running at least until its last
    /// sighting or its last revision (a run that was killed had no chance to note its end).
    /// </summary>
    public IReadOnlyList<RunRecord> Runs()
    {
        using var connection = Database.Connect();
        var lastRevision = "COALESCE((SELECT MAX(r.time) FROM topology_revisions r WHERE r.run = topology_runs.run), 0)";
        return Query(connection, $"""
            SELECT run, started_at, {Database.Dialect.Greatest("alive_until", lastRevision)}, stopped_recording
            FROM topology_runs ORDER BY started_at, run;
            """, _ => { }, reader => new RunRecord(
            reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3)));
    }

    /// <summary>
    /// Drops the revisions that no time after <paramref name="cutoff"/> needs: everything before the newest checkpoint
    /// at or before the cutoff (so the revision current at the cutoff can still be rebuilt), and runs left without rows
    /// that ended before it. Returns how many revisions were dropped.
    /// </summary>
    public int PruneRevisions(DateTimeOffset cutoff)
    {
        using var connection = Database.Connect();
        using var transaction = connection.BeginTransaction();
        using var revisions = connection.CreateCommand();
        revisions.Transaction = transaction;
        revisions.CommandText = """
            DELETE FROM topology_revisions WHERE id < (
                SELECT COALESCE(MAX(id), 0) FROM topology_revisions WHERE checkpoint = 1 AND time <= @cutoff);
            """;
        new HistoryParameters(revisions).AddWithValue("@cutoff", cutoff.ToUnixTimeMilliseconds());
        var dropped = revisions.ExecuteNonQuery();
        using var runs = connection.CreateCommand();
        runs.Transaction = transaction;
        runs.CommandText = """
            DELETE FROM topology_runs WHERE alive_until < @cutoff
                AND NOT EXISTS (SELECT 1 FROM topology_revisions r WHERE r.run = topology_runs.run);
            """;
        new HistoryParameters(runs).AddWithValue("@cutoff", cutoff.ToUnixTimeMilliseconds());
        runs.ExecuteNonQuery();
        transaction.Commit();
        return dropped;
    }

    /// <summary>The highest revision number stored (by any run); 0 when none.</summary>
    public long NewestRevision()
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(revision), 0) FROM topology_revisions;";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many revisions are stored, how many are checkpoints, and their bodies' total size in bytes.</summary>
    public (long Revisions, long Checkpoints, long Bytes) RevisionCounts()
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN checkpoint = 1 THEN 1 ELSE 0 END), 0), COALESCE(SUM(LENGTH(body)), 0) FROM topology_revisions;";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static List<RevisionRecord> Revisions(DbConnection connection, string where, Action<HistoryParameters> bind) =>
        Query(connection, $"SELECT {RevisionColumns} FROM topology_revisions {where};", bind, reader => new RevisionRecord
        {
            Id = reader.GetInt64(0),
            Run = reader.GetString(1),
            Revision = reader.GetInt64(2),
            Time = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
            IsCheckpoint = reader.GetInt64(4) != 0,
            Body = (byte[])reader.GetValue(5),
        });
}
