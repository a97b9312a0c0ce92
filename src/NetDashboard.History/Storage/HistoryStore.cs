using System.Data.Common;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Timeline;

namespace NetDashboard.History.Storage;

/// <summary>
/// Reads and writes history rows: the writer's batches (one transaction each), the state the reconciler starts
/// from, retention pruning, and the queries of the API and the timeline page. Every statement is parameterised.
/// </summary>
public sealed partial class HistoryStore(HistoryDatabase database)
{
    public HistoryDatabase Database { get; } = database;

    /// <summary>Applies a batch of operations, in order, in one transaction.</summary>
    public void Write(IReadOnlyList<HistoryOperation> operations)
    {
        if (operations.Count == 0)
        {
            return;
        }
        using var connection = Database.Connect();
        using var transaction = connection.BeginTransaction();
        foreach (var operation in operations)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            Prepare(command, operation, Database.Dialect);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The open assignments, the latest closed one per key and each host's last sighting.</summary>
    public HistoryState LoadState()
    {
        using var connection = Database.Connect();
        var open = Assignments(connection, "WHERE valid_to IS NULL", _ => { });
        var previous = Assignments(connection, """
            WHERE id IN (SELECT id FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY host_id, container_id, network_id ORDER BY valid_to DESC, id DESC) AS n
                FROM assignments WHERE valid_to IS NOT NULL) AS latest WHERE n = 1)
            """, _ => { });
        var lastSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT host_id, last_seen FROM hosts;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lastSeen[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            }
        }
        return HistoryState.From(open, previous, lastSeen);
    }

    /// <summary>Deletes closed assignments that ended, and events that happened, before <paramref name="cutoff"/>.</summary>
    public (int Assignments, int Events) Prune(DateTimeOffset cutoff)
    {
        using var connection = Database.Connect();
        using var transaction = connection.BeginTransaction();
        var ms = cutoff.ToUnixTimeMilliseconds();
        using var assignments = connection.CreateCommand();
        assignments.Transaction = transaction;
        assignments.CommandText = "DELETE FROM assignments WHERE valid_to IS NOT NULL AND valid_to < @cutoff;";
        new HistoryParameters(assignments).AddWithValue("@cutoff", ms);
        var a = assignments.ExecuteNonQuery();
        using var events = connection.CreateCommand();
        events.Transaction = transaction;
        events.CommandText = "DELETE FROM events WHERE time < @cutoff;";
        new HistoryParameters(events).AddWithValue("@cutoff", ms);
        var e = events.ExecuteNonQuery();
        transaction.Commit();
        return (a, e);
    }

    private static void Prepare(DbCommand command, HistoryOperation operation, HistoryDialect dialect)
    {
        var p = new HistoryParameters(command);
        switch (operation)
        {
            case OpenAssignment(var r):
                command.CommandText = """
                    INSERT INTO assignments (host_id, container_id, container_name, network_id, network_name, endpoint_id,
                        ipv4, ipv4_prefix, ipv6, ipv6_prefix, mac, veth, container_interface, valid_from, valid_to,
                        opened_at_resync, closed_at_resync)
                    VALUES (@host, @container, @name, @network, @networkName, @endpoint, @ipv4, @ipv4p, @ipv6, @ipv6p,
                        @mac, @veth, @inside, @from, @to, @openedResync, @closedResync);
                    """;
                p.AddWithValue("@host", r.HostId);
                p.AddWithValue("@container", r.ContainerId);
                p.AddWithValue("@name", r.ContainerName);
                p.AddWithValue("@network", r.NetworkId);
                p.AddWithValue("@networkName", r.NetworkName);
                p.AddWithValue("@endpoint", Db(r.EndpointId));
                p.AddWithValue("@ipv4", Db(r.Ipv4));
                p.AddWithValue("@ipv4p", Db(r.Ipv4PrefixLength));
                p.AddWithValue("@ipv6", Db(r.Ipv6));
                p.AddWithValue("@ipv6p", Db(r.Ipv6PrefixLength));
                p.AddWithValue("@mac", Db(r.Mac));
                p.AddWithValue("@veth", Db(r.Veth));
                p.AddWithValue("@inside", Db(r.ContainerInterface));
                p.AddWithValue("@from", r.From.ToUnixTimeMilliseconds());
                p.AddWithValue("@to", Db(r.To?.ToUnixTimeMilliseconds()));
                p.AddWithValue("@openedResync", r.OpenedAtResync ? 1 : 0);
                p.AddWithValue("@closedResync", r.ClosedAtResync ? 1 : 0);
                break;
            case CloseAssignment(var key, var to, var atResync):
                command.CommandText = $"""
                    UPDATE assignments SET valid_to = {dialect.Greatest("@to", "valid_from")}, closed_at_resync = @resync
                    WHERE host_id = @host AND container_id = @container AND network_id = @network AND valid_to IS NULL;
                    """;
                p.AddWithValue("@to", to.ToUnixTimeMilliseconds());
                p.AddWithValue("@resync", atResync ? 1 : 0);
                AddKey(p, key);
                break;
            case CompleteAssignment(var key, var veth, var inside):
                command.CommandText = """
                    UPDATE assignments SET veth = @veth, container_interface = @inside
                    WHERE host_id = @host AND container_id = @container AND network_id = @network AND valid_to IS NULL;
                    """;
                p.AddWithValue("@veth", Db(veth));
                p.AddWithValue("@inside", Db(inside));
                AddKey(p, key);
                break;
            case RecordEvent(var e):
                command.CommandText = """
                    INSERT INTO events (time, host_id, kind, container_id, container_name, network_id, network_name, detail, source)
                    VALUES (@time, @host, @kind, @container, @name, @network, @networkName, @detail, @source)
                    ON CONFLICT DO NOTHING;
                    """;
                p.AddWithValue("@time", e.Time.ToUnixTimeMilliseconds());
                p.AddWithValue("@host", e.HostId);
                p.AddWithValue("@kind", e.Kind);
                p.AddWithValue("@container", Db(e.ContainerId));
                p.AddWithValue("@name", Db(e.ContainerName));
                p.AddWithValue("@network", Db(e.NetworkId));
                p.AddWithValue("@networkName", Db(e.NetworkName));
                p.AddWithValue("@detail", Db(e.Detail));
                p.AddWithValue("@source", e.Source);
                break;
            case SeeHost(var host, var time):
                command.CommandText = $"""
                    INSERT INTO hosts (host_id, last_seen) VALUES (@host, @time)
                    ON CONFLICT(host_id) DO UPDATE SET last_seen = {dialect.Greatest("hosts.last_seen", "excluded.last_seen")};
                    """;
                p.AddWithValue("@host", host);
                p.AddWithValue("@time", time.ToUnixTimeMilliseconds());
                break;
            case RecordRevision(var r):
                command.CommandText = """
                    INSERT INTO topology_revisions (run, revision, time, generated_at_ticks, checkpoint, body)
                    VALUES (@run, @revision, @time, @ticks, @checkpoint, @body)
                    ON CONFLICT(run, revision) DO UPDATE SET time = excluded.time, generated_at_ticks = excluded.generated_at_ticks,
                        checkpoint = excluded.checkpoint, body = excluded.body;
                    """;
                p.AddWithValue("@run", r.Run);
                p.AddWithValue("@revision", r.Revision);
                p.AddWithValue("@time", r.Time.ToUnixTimeMilliseconds());
                p.AddWithValue("@ticks", r.Time.UtcTicks);
                p.AddWithValue("@checkpoint", r.IsCheckpoint ? 1 : 0);
                p.AddWithValue("@body", r.Body);
                break;
            case SeeRun(var run, var started, var time, var stopped):
                command.CommandText = $"""
                    INSERT INTO topology_runs (run, started_at, alive_until, stopped_recording) VALUES (@run, @started, @time, @stopped)
                    ON CONFLICT(run) DO UPDATE SET alive_until = {dialect.Greatest("topology_runs.alive_until", "excluded.alive_until")},
                        stopped_recording = COALESCE(excluded.stopped_recording, topology_runs.stopped_recording);
                    """;
                p.AddWithValue("@run", run);
                p.AddWithValue("@started", started.ToUnixTimeMilliseconds());
                p.AddWithValue("@time", time.ToUnixTimeMilliseconds());
                p.AddWithValue("@stopped", (object?)stopped ?? DBNull.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown history operation.");
        }
    }

    private static void AddKey(HistoryParameters p, AssignmentKey key)
    {
        p.AddWithValue("@host", key.HostId);
        p.AddWithValue("@container", key.ContainerId);
        p.AddWithValue("@network", key.NetworkId);
    }

    private static object Db(object? value) => value ?? DBNull.Value;
}
