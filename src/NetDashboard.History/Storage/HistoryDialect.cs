using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NetDashboard.History.Storage;

/// <summary>
/// What differs between the history's two databases — and nothing else does: how a connection is made, the schema's
/// DDL (<see cref="Migrations"/>), one scalar function (<see cref="Greatest"/>) and how the database is named in a
/// sentence. Every statement of <see cref="HistoryStore"/> and <see cref="Audit.AuditStore"/> is written once, in the
/// SQL both understand (<c>@name</c> parameters, <c>COALESCE</c>, <c>ON CONFLICT</c>, quoted <c>"user"</c>).
/// </summary>
public abstract class HistoryDialect
{
    /// <summary>An open connection with the per-connection settings applied.</summary>
    public abstract DbConnection Connect();

    /// <summary>The larger of two values (SQLite's two-argument <c>MAX</c>, PostgreSQL's <c>GREATEST</c>).</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>The schema, as numbered migrations in this database's DDL (the same versions for both).</summary>
    internal abstract IReadOnlyList<HistoryMigrations.Migration> Migrations { get; }

    /// <summary>The table that records which migrations were applied.</summary>
    internal abstract string SchemaTable { get; }

    /// <summary>Runs before the migrations (on their connection) and after them: where concurrent openers are kept apart.</summary>
    internal virtual void BeforeMigrating(DbConnection connection) { }

    internal virtual void AfterMigrating(DbConnection connection) { }
}

/// <summary>The embedded default: one SQLite file, connections not pooled (nothing keeps the file open after a stop).</summary>
public sealed class SqliteHistoryDialect(string path) : HistoryDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        DefaultTimeout = HistoryDatabase.BusyTimeoutSeconds,
    }.ToString();

    public override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    public override string Greatest(string a, string b) => $"MAX({a}, {b})";

    internal override IReadOnlyList<HistoryMigrations.Migration> Migrations => HistoryMigrations.All;

    internal override string SchemaTable => "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";
}

/// <summary>
/// PostgreSQL (<c>NetDashboard:History:ConnectionString</c>), shared by replicas: pooled connections; the migrations
/// run under an advisory lock, so two replicas starting together create the schema once.
/// </summary>
public sealed class PostgresHistoryDialect(NpgsqlDataSource source) : HistoryDialect
{
    /// <summary>The advisory lock key of the history's migrations ("NDHI").</summary>
    private const long MigrationLock = 0x4E444849;

    public override DbConnection Connect() => source.OpenConnection();

    public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    internal override IReadOnlyList<HistoryMigrations.Migration> Migrations => HistoryMigrations.Postgres;

    internal override string SchemaTable => "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);";

    internal override void BeforeMigrating(DbConnection connection) => Run(connection, $"SELECT pg_advisory_lock({MigrationLock});");

    internal override void AfterMigrating(DbConnection connection) => Run(connection, $"SELECT pg_advisory_unlock({MigrationLock});");

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Binds a statement's parameters (<c>@name</c>), the same way on both databases; null becomes SQL NULL.</summary>
public readonly struct HistoryParameters(DbCommand command)
{
    public void AddWithValue(string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
