using System.Data.Common;
using NetDashboard.History.Storage;

namespace NetDashboard.History.Audit;

/// <summary>The audit log's table in the history database: appended to, read newest first, pruned like the history.</summary>
public sealed class AuditStore(HistoryDatabase database)
{
    public void Append(AuditEntry entry)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO audit (time, "user", role, action, host, target, parameters, outcome, status, detail)
            VALUES (@time, @user, @role, @action, @host, @target, @parameters, @outcome, @status, @detail);
            """;
        new HistoryParameters(command).AddWithValue("@time", entry.Time.ToUnixTimeMilliseconds());
        new HistoryParameters(command).AddWithValue("@user", entry.User);
        new HistoryParameters(command).AddWithValue("@role", entry.Role);
        new HistoryParameters(command).AddWithValue("@action", entry.Action);
        new HistoryParameters(command).AddWithValue("@host", (object?)entry.Host ?? DBNull.Value);
        new HistoryParameters(command).AddWithValue("@target", (object?)entry.Target ?? DBNull.Value);
        new HistoryParameters(command).AddWithValue("@parameters", (object?)entry.Parameters ?? DBNull.Value);
        new HistoryParameters(command).AddWithValue("@outcome", entry.Outcome);
        new HistoryParameters(command).AddWithValue("@status", entry.Status);
        new HistoryParameters(command).AddWithValue("@detail", (object?)entry.Detail ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT time, "user", role, action, host, target, parameters, outcome, status, detail FROM audit ORDER BY time DESC, id DESC LIMIT @limit;""";
        new HistoryParameters(command).AddWithValue("@limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry
            {
                Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                User = reader.GetString(1),
                Role = reader.GetString(2),
                Action = reader.GetString(3),
                Host = Text(reader, 4),
                Target = Text(reader, 5),
                Parameters = Text(reader, 6),
                Outcome = reader.GetString(7),
                Status = reader.GetInt32(8),
                Detail = Text(reader, 9),
            });
        }
        return entries;
    }

    /// <summary>Removes entries older than <paramref name="cutoff"/>; returns how many.</summary>
    public int Prune(DateTimeOffset cutoff)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit WHERE time < @cutoff;";
        new HistoryParameters(command).AddWithValue("@cutoff", cutoff.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
