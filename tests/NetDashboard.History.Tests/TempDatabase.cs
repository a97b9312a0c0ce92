using NetDashboard.TestSupport;
using NetDashboard.History.Storage;

namespace NetDashboard.History.Tests;

/// <summary>The two databases the history runs on: the embedded SQLite file (default) and PostgreSQL (shared by replicas).</summary>
public enum HistoryBackend
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A history database: a SQLite file in a fresh temp folder (removed with the folder on dispose), or a fresh database
/// on the test PostgreSQL server of <see cref="PostgresFixture"/>.
/// </summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase(HistoryBackend backend = HistoryBackend.Sqlite, PostgresFixture? postgres = null)
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nd-history-" + Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Folder, "nested", "history.db");
        if (backend == HistoryBackend.Postgres)
        {
            ConnectionString = (postgres ?? throw new ArgumentNullException(nameof(postgres))).Server.CreateDatabase();
        }
        Store = new HistoryStore(Open());
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>The PostgreSQL database's connection string; null for SQLite.</summary>
    public string? ConnectionString { get; }

    public HistoryStore Store { get; }

    /// <summary>Opens the same database again (as a restart, or a second replica, would).</summary>
    public HistoryDatabase Open() => ConnectionString is { } cs ? HistoryDatabase.OpenPostgres(cs) : HistoryDatabase.Open(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) // includes a folder never made (PostgreSQL)
        {
        }
    }
}

/// <summary>One test PostgreSQL server for the history tests that run on both databases (each test gets its own database).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The test PostgreSQL server did not start.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BothDatabasesCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "history on SQLite and PostgreSQL";
}
