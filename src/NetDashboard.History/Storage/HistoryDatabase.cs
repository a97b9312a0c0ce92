using Microsoft.Data.Sqlite;

namespace NetDashboard.History.Storage;

/// <summary>
/// The SQLite file: created (with its folder) on first use, switched to WAL (readers never wait for the writer),
/// and migrated to the schema this build knows. A file written by a newer build is refused rather than damaged.
/// Connections are not pooled: each call opens its own, so nothing keeps the file open after the app stops.
/// </summary>
public sealed class HistoryDatabase
{
    private readonly string _connectionString;

    private HistoryDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestSchemaVersion => HistoryMigrations.Latest;

    /// <summary>
    /// Opens (creating when needed) and migrates the database at <paramref name="path"/>. Throws
    /// <see cref="HistoryUnavailableException"/> with one sentence saying why when that is impossible.
    /// </summary>
    public static HistoryDatabase Open(string path)
    {
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HistoryUnavailableException($"The folder of the history database '{path}' cannot be created: {ex.Message}", ex);
        }

        var database = new HistoryDatabase(full);
        try
        {
            using var connection = database.Connect();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }
            Migrate(connection, full);
        }
        catch (SqliteException ex)
        {
            throw new HistoryUnavailableException($"The history database '{full}' cannot be opened: {ex.Message}", ex);
        }
        return database;
    }

    /// <summary>An open connection with the per-connection settings applied.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The schema version the file is at (for diagnostics and tests).</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT IFNULL(MAX(version), 0) FROM schema_migrations;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }
        foreach (var migration in HistoryMigrations.All)
        {
            using var transaction = connection.BeginTransaction();
            using var current = connection.CreateCommand();
            current.Transaction = transaction;
            current.CommandText = "SELECT IFNULL(MAX(version), 0) FROM schema_migrations;";
            var version = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > HistoryMigrations.Latest)
            {
                throw new HistoryUnavailableException(
                    $"The history database '{path}' has schema version {version}, newer than this NetDashboard knows ({HistoryMigrations.Latest}): use a newer NetDashboard or another DatabasePath.");
            }
            if (version >= migration.Version)
            {
                continue;
            }
            using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = migration.Sql;
            apply.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t);";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}

/// <summary>The history database cannot be used; the message is one sentence for the log and the UI.</summary>
public sealed class HistoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
