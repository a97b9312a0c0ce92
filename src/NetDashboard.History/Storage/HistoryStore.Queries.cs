using System.Data.Common;
using NetDashboard.History.Model;

namespace NetDashboard.History.Storage;

public sealed partial class HistoryStore
{
    private const string AssignmentColumns = """
        host_id, container_id, container_name, network_id, network_name, endpoint_id, ipv4, ipv4_prefix, ipv6,
        ipv6_prefix, mac, veth, container_interface, valid_from, valid_to, opened_at_resync, closed_at_resync
        """;

    private const string EventColumns = "time, host_id, kind, container_id, container_name, network_id, network_name, detail, source";

    /// <summary>
    /// Every container (on any host, or on <paramref name="hostId"/>) that the history knows by this full id, else
    /// by this name (every container that ever had it), else by this id prefix (3+ characters) — removed ones too —
    /// with their assignments and events, oldest first (the newest <see cref="MaxRows"/> of each per container, and
    /// <see cref="ContainerHistory.Truncated"/> when older ones were left out). Null when none is known.
    /// </summary>
    public ContainerHistory? FindContainer(string nameOrId, string? hostId = null)
    {
        var query = nameOrId.Trim().TrimStart('/');
        if (query.Length == 0)
        {
            return null;
        }
        using var connection = Database.Connect();
        var ids = ContainerIds(connection, "container_id = @q", query, hostId);
        if (ids.Count == 0)
        {
            ids = ContainerIds(connection, "container_name = @q", query, hostId);
        }
        if (ids.Count == 0 && query.Length >= 3)
        {
            ids = ContainerIds(connection, "substr(container_id, 1, length(@q)) = @q", query, hostId);
        }
        if (ids.Count == 0)
        {
            return null;
        }
        var assignments = new List<AssignmentRecord>();
        var events = new List<HistoryEvent>();
        var truncated = false;
        foreach (var (host, id) in ids)
        {
            void Bind(HistoryParameters p)
            {
                p.AddWithValue("@h", host);
                p.AddWithValue("@c", id);
                p.AddWithValue("@limit", MaxRows + 1);
            }
            var dated = RowsPage<AssignmentRecord>.FromNewestFirst(
                Assignments(connection, "WHERE host_id = @h AND container_id = @c ORDER BY valid_from DESC, id DESC LIMIT @limit", Bind), MaxRows);
            var happened = RowsPage<HistoryEvent>.FromNewestFirst(
                Events(connection, "WHERE host_id = @h AND container_id = @c ORDER BY time DESC, id DESC LIMIT @limit", Bind), MaxRows);
            assignments.AddRange(dated);
            events.AddRange(happened);
            truncated |= dated.More || happened.More;
        }
        var containers = ids.Select(k =>
        {
            var names = assignments.Where(a => a.HostId == k.HostId && a.ContainerId == k.ContainerId).Select(a => (a.From, Name: (string?)a.ContainerName))
                .Concat(events.Where(e => e.HostId == k.HostId && e.ContainerId == k.ContainerId).Select(e => (From: e.Time, Name: e.ContainerName)))
                .Where(x => !string.IsNullOrEmpty(x.Name))
                .OrderBy(x => x.From)
                .Select(x => x.Name!)
                .ToList();
            return new KnownContainer(k.HostId, k.ContainerId, names.LastOrDefault() ?? k.ContainerId, names.Distinct(StringComparer.Ordinal).ToList());
        }).ToList();
        return new ContainerHistory(
            query,
            containers,
            assignments.OrderBy(a => a.From).ThenBy(a => a.NetworkName, StringComparer.Ordinal).ToList(),
            events.OrderBy(e => e.Time).ToList(),
            truncated);
    }

    /// <summary>Rows one history query answers at most (an address held by thousands of containers over a month).</summary>
    public const int MaxRows = 1000;

    /// <summary>
    /// Who held <paramref name="canonicalIp"/> (IPv4 or IPv6, canonical form): at <paramref name="at"/>
    /// (from ≤ at &lt; to), or over the whole retained history when null; only holders from before
    /// <paramref name="before"/> when given (the next page). The newest <paramref name="limit"/>, oldest first.
    /// </summary>
    public RowsPage<AssignmentRecord> WhoHad(string canonicalIp, DateTimeOffset? at = null, string? hostId = null, int limit = MaxRows, DateTimeOffset? before = null)
    {
        using var connection = Database.Connect();
        var where = "WHERE (ipv4 = @ip OR ipv6 = @ip)"
                    + (at is null ? "" : " AND valid_from <= @at AND (valid_to IS NULL OR valid_to > @at)")
                    + (hostId is null ? "" : " AND host_id = @h")
                    + (before is null ? "" : " AND valid_from < @before");
        var rows = Assignments(connection, where + " ORDER BY valid_from DESC, id DESC LIMIT @limit", p =>
        {
            p.AddWithValue("@ip", canonicalIp);
            p.AddWithValue("@limit", limit + 1);
            if (at is { } t)
            {
                p.AddWithValue("@at", t.ToUnixTimeMilliseconds());
            }
            if (hostId is not null)
            {
                p.AddWithValue("@h", hostId);
            }
            if (before is { } b)
            {
                p.AddWithValue("@before", b.ToUnixTimeMilliseconds());
            }
        });
        return RowsPage<AssignmentRecord>.FromNewestFirst(rows, limit);
    }

    /// <summary>The newest events, newest first.</summary>
    public IReadOnlyList<HistoryEvent> RecentEvents(int limit = 50, string? hostId = null)
    {
        using var connection = Database.Connect();
        return Events(connection, (hostId is null ? "" : "WHERE host_id = @h ") + "ORDER BY time DESC, id DESC LIMIT @limit", p =>
        {
            p.AddWithValue("@limit", limit);
            if (hostId is not null)
            {
                p.AddWithValue("@h", hostId);
            }
        });
    }

    /// <summary>How many rows are stored (the status route, diagnostics).</summary>
    public (long Assignments, long OpenAssignments, long Events) Counts()
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM assignments), (SELECT COUNT(*) FROM assignments WHERE valid_to IS NULL), (SELECT COUNT(*) FROM events);
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static List<(string HostId, string ContainerId)> ContainerIds(DbConnection connection, string condition, string query, string? hostId)
    {
        var host = hostId is null ? "" : " AND host_id = @h";
        var sql = $"""
            SELECT host_id, container_id FROM assignments WHERE {condition}{host}
            UNION
            SELECT host_id, container_id FROM events WHERE container_id IS NOT NULL AND {condition}{host}
            ORDER BY 1, 2;
            """;
        return Query(connection, sql, p =>
        {
            p.AddWithValue("@q", query);
            if (hostId is not null)
            {
                p.AddWithValue("@h", hostId);
            }
        }, reader => (reader.GetString(0), reader.GetString(1)));
    }

    private static List<AssignmentRecord> Assignments(DbConnection connection, string where, Action<HistoryParameters> bind) =>
        Query(connection, $"SELECT {AssignmentColumns} FROM assignments {where};", bind, reader => new AssignmentRecord
        {
            HostId = reader.GetString(0),
            ContainerId = reader.GetString(1),
            ContainerName = reader.GetString(2),
            NetworkId = reader.GetString(3),
            NetworkName = reader.GetString(4),
            EndpointId = Text(reader, 5),
            Ipv4 = Text(reader, 6),
            Ipv4PrefixLength = Int(reader, 7),
            Ipv6 = Text(reader, 8),
            Ipv6PrefixLength = Int(reader, 9),
            Mac = Text(reader, 10),
            Veth = Text(reader, 11),
            ContainerInterface = Text(reader, 12),
            From = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            To = reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
            OpenedAtResync = reader.GetInt64(15) != 0,
            ClosedAtResync = reader.GetInt64(16) != 0,
        });

    private static List<HistoryEvent> Events(DbConnection connection, string where, Action<HistoryParameters> bind) =>
        Query(connection, $"SELECT {EventColumns} FROM events {where};", bind, reader => new HistoryEvent
        {
            Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
            HostId = reader.GetString(1),
            Kind = reader.GetString(2),
            ContainerId = Text(reader, 3),
            ContainerName = Text(reader, 4),
            NetworkId = Text(reader, 5),
            NetworkName = Text(reader, 6),
            Detail = Text(reader, 7),
            Source = reader.GetString(8),
        });

    /// <summary>Runs one parameterised SELECT and maps every row.</summary>
    private static List<T> Query<T>(DbConnection connection, string sql, Action<HistoryParameters> bind, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(new HistoryParameters(command));
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? Int(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
}
