using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NetDashboard.History.Storage;

/// <summary>
/// The history's database: by default a SQLite file, created (with its folder) on first use, switched to WAL (readers
/// never wait for the writer); with a connection string a PostgreSQL database (<see cref="OpenPostgres"/>), which
/// replicas share. Either way it is migrated to the schema this build knows, and one written by a newer build is
/// refused rather than damaged. What differs between the two is the <see cref="Dialect"/>, nothing else.
/// SQLite connections are not pooled: each call opens its own, so nothing keeps the file open after the app stops.
/// A statement waits at most <see cref="BusyTimeoutSeconds"/> for another program's lock, then fails (the writer keeps
/// its changes and tries again; a reader says the database is locked) rather than holding a thread for long.
/// A damaged file found at opening is moved aside (never deleted) and a new one started: <see cref="SetAside"/> says so.
/// </summary>
public sealed class HistoryDatabase
{
    /// <summary>How long a statement waits for another connection's lock before it fails with SQLITE_BUSY.</summary>
    public const int BusyTimeoutSeconds = 2;

    private HistoryDatabase(string path) : this(new SqliteHistoryDialect(path), path)
    {
    }

    private HistoryDatabase(HistoryDialect dialect, string path)
    {
        Dialect = dialect;
        Path = path;
    }

    /// <summary>The database's SQL dialect and connections.</summary>
    public HistoryDialect Dialect { get; }

    /// <summary>The SQLite file's full path; for PostgreSQL, the database and server (never the password).</summary>
    public string Path { get; }

    /// <summary>True for a PostgreSQL database (no file to check, move aside or lock).</summary>
    public bool IsShared => Dialect is PostgresHistoryDialect;

    /// <summary>How sentences name the PostgreSQL database of a connection string: database, server and port, never the password.</summary>
    public static string DescribePostgres(string connectionString)
    {
        try
        {
            return DescribePostgres(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException)
        {
            return "PostgreSQL database (connection string not readable)";
        }
    }

    private static string DescribePostgres(NpgsqlConnectionStringBuilder settings) =>
        $"PostgreSQL database {settings.Database ?? settings.Username} on {settings.Host}:{settings.Port}";

    /// <summary>
    /// Opens and migrates the PostgreSQL database of <paramref name="connectionString"/> (an Npgsql connection string).
    /// Throws <see cref="HistoryUnavailableException"/> with one sentence saying why when it cannot be used.
    /// </summary>
    public static HistoryDatabase OpenPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new HistoryUnavailableException("NetDashboard:History:ConnectionString is not a PostgreSQL connection string (e.g. \"Host=db;Database=netdashboard;Username=nd;Password=…\").", ex);
        }
        var name = DescribePostgres(settings);
        var database = new HistoryDatabase(new PostgresHistoryDialect(NpgsqlDataSource.Create(settings)), name);
        try
        {
            using var connection = database.Connect();
            database.Migrate(connection);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new HistoryUnavailableException(HistoryFaults.CannotOpen(HistoryFaults.Classify(ex), name), ex);
        }
        return database;
    }

    /// <summary>The schema version this build creates and understands.</summary>
    public static int LatestSchemaVersion => HistoryMigrations.Latest;

    /// <summary>When the file found at opening was damaged: where it was moved and the sentence saying so; else null.</summary>
    public HistorySetAside? SetAside { get; private init; }

    /// <summary>
    /// Opens (creating when needed) and migrates the database at <paramref name="path"/>. A file that is not a SQLite
    /// database or fails its quick check is moved aside to <c>PATH.damaged-yyyyMMddTHHmmssZ</c> (with its -wal and
    /// -shm files) and a new one is started; <see cref="SetAside"/> then says so. Throws
    /// <see cref="HistoryUnavailableException"/> with one sentence saying why when opening is impossible.
    /// </summary>
    public static HistoryDatabase Open(string path, TimeProvider? time = null)
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
            throw new HistoryUnavailableException(
                $"The folder of the history database '{path}' cannot be created: check the path, and that the dashboard may write there.", ex);
        }

        try
        {
            return OpenChecked(full);
        }
        catch (Exception ex) when (HistoryFaults.Classify(ex) == HistoryFaultKind.Corrupt)
        {
            return StartOver(full, time ?? TimeProvider.System, ex);
        }
    }

    /// <summary>
    /// The database at <paramref name="path"/> is damaged (<paramref name="damage"/> says how it showed): moves it
    /// aside, opens a new one there and says so in <see cref="SetAside"/>. Throws
    /// <see cref="HistoryUnavailableException"/> when that is impossible.
    /// </summary>
    public static HistoryDatabase StartOver(string path, TimeProvider time, Exception damage)
    {
        var aside = MoveAside(path, time, damage);
        var fresh = OpenChecked(path);
        return new HistoryDatabase(path)
        {
            SetAside = new HistorySetAside(aside, time.GetUtcNow(), damage,
                $"The history database '{path}' was damaged ({Damage(damage)}); it was moved aside to '{aside}' and a new one was started."),
        };
    }

    /// <summary>
    /// Moves a damaged database (and its -wal and -shm files) aside to <c>PATH.damaged-yyyyMMddTHHmmssZ</c>, never
    /// deleting it, and returns the new path. Throws <see cref="HistoryUnavailableException"/> when it cannot be moved.
    /// </summary>
    public static string MoveAside(string path, TimeProvider time, Exception? why = null)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var aside = $"{path}.damaged-{stamp}";
        for (var n = 2; File.Exists(aside); n++)
        {
            aside = $"{path}.damaged-{stamp}-{n}";
        }
        try
        {
            File.Move(path, aside);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, aside + suffix);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HistoryUnavailableException(
                $"The history database '{path}' is damaged and could not be moved aside (check that its folder is writable by the dashboard).", why ?? ex);
        }
        return aside;
    }

    private static string Damage(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: 26 } or HistoryCorruptException { NotADatabase: true } ? "it is not a SQLite database" : "its pages do not pass SQLite's check";

    /// <summary>Opens, switches to WAL, migrates and checks the file; throws what SQLite says.</summary>
    private static HistoryDatabase OpenChecked(string full)
    {
        var database = new HistoryDatabase(full);
        if (File.Exists(full) && new FileInfo(full).Length is > 0 and < 512)
        {
            throw new HistoryCorruptException($"'{full}' is shorter than a SQLite page.", notADatabase: true);
        }
        try
        {
            using var connection = database.Connect();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check;";
                var verdict = check.ExecuteScalar() as string;
                if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
                {
                    throw new HistoryCorruptException($"PRAGMA quick_check of '{full}' says: {verdict}");
                }
            }
            database.Migrate(connection);
        }
        catch (SqliteException ex) when (HistoryFaults.Classify(ex) != HistoryFaultKind.Corrupt)
        {
            throw new HistoryUnavailableException(HistoryFaults.CannotOpen(HistoryFaults.Classify(ex), full), ex);
        }
        return database;
    }

    /// <summary>An open connection with the per-connection settings applied.</summary>
    public DbConnection Connect() => Dialect.Connect();

    /// <summary>The schema version the database is at (for diagnostics and tests).</summary>
    public int SchemaVersion()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Migrate(DbConnection connection)
    {
        Dialect.BeforeMigrating(connection);
        try
        {
            using (var create = connection.CreateCommand())
            {
                create.CommandText = Dialect.SchemaTable;
                create.ExecuteNonQuery();
            }
            foreach (var migration in Dialect.Migrations)
            {
                using var transaction = connection.BeginTransaction();
                using var current = connection.CreateCommand();
                current.Transaction = transaction;
                current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";
                var version = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                if (version > HistoryMigrations.Latest)
                {
                    throw new HistoryUnavailableException(
                        $"The history database '{Path}' has schema version {version}, newer than this NetDashboard knows ({HistoryMigrations.Latest}): use a newer NetDashboard or another {(IsShared ? "database" : "DatabasePath")}.");
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
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t);";
                var p = new HistoryParameters(record);
                p.AddWithValue("@v", migration.Version);
                p.AddWithValue("@n", migration.Name);
                p.AddWithValue("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
                transaction.Commit();
            }
        }
        finally
        {
            Dialect.AfterMigrating(connection);
        }
    }
}

/// <summary>A damaged database moved aside at opening: where to, when, and the sentence that tells the user.</summary>
public sealed record HistorySetAside(string Path, DateTimeOffset At, Exception Damage, string Sentence);

/// <summary>The history database cannot be used; the message is one sentence for the log and the UI.</summary>
public sealed class HistoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
