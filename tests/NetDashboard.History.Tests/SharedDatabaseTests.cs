using NetDashboard.TestSupport;
using NetDashboard.History.Audit;
using NetDashboard.History.Storage;

namespace NetDashboard.History.Tests;

/// <summary>
/// What only matters once the database is shared (PostgreSQL, <c>NetDashboard:History:ConnectionString</c>): replicas
/// starting together migrate it once; the two schemas stay version for version alike; the audit log reads back the
/// same on both databases.
/// </summary>
[Collection(BothDatabasesCollection.Name)]
public sealed class SharedDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public void Replicas_opening_one_new_database_at_once_migrate_it_once()
    {
        var connectionString = postgres.Server.CreateDatabase();

        var opened = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => HistoryDatabase.OpenPostgres(connectionString)).ToList();

        Assert.All(opened, d => Assert.Equal(HistoryDatabase.LatestSchemaVersion, d.SchemaVersion()));
        using var connection = opened[0].Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations;";
        Assert.Equal((long)HistoryDatabase.LatestSchemaVersion, Convert.ToInt64(command.ExecuteScalar()));
        Assert.True(opened[0].IsShared);
        Assert.StartsWith("PostgreSQL database nd_", opened[0].Path);
        Assert.DoesNotContain("Password", opened[0].Path, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Both_schemas_have_the_same_migrations()
    {
        Assert.Equal(HistoryMigrations.All.Select(m => (m.Version, m.Name)), HistoryMigrations.Postgres.Select(m => (m.Version, m.Name)));
    }

    [Fact]
    public void A_server_that_does_not_answer_is_said_in_one_sentence_without_the_password()
    {
        var port = RedisServer.FreeLoopbackPort(); // nobody listens there
        var refused = Assert.Throws<HistoryUnavailableException>(() =>
            HistoryDatabase.OpenPostgres($"Host=127.0.0.1;Port={port};Database=nd;Username=nd;Password=s3cret-pw;Timeout=2"));
        Assert.Equal($"The history database 'PostgreSQL database nd on 127.0.0.1:{port}' cannot be opened: reading or writing the file failed.", refused.Message);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
        Assert.Equal(HistoryFaultKind.Other, HistoryFaults.Classify(refused));
    }

    [Theory]
    [InlineData(HistoryBackend.Sqlite)]
    [InlineData(HistoryBackend.Postgres)]
    public void The_audit_log_reads_back_newest_first_and_prunes_on_both_databases(HistoryBackend backend)
    {
        using var db = new TempDatabase(backend, postgres);
        var audit = new AuditStore(db.Store.Database);
        var t0 = Topologies.T0;
        audit.Append(new AuditEntry { Time = t0, User = "olga", Role = "operator", Action = "network-create", Host = "local", Target = "web", Parameters = "{}", Outcome = "ok", Status = 201, Detail = null });
        audit.Append(new AuditEntry { Time = t0.AddMinutes(1), User = "victor", Role = "viewer", Action = "network-remove", Host = null, Target = "db", Parameters = null, Outcome = "refused", Status = 403, Detail = "Viewers may not change networks." });

        var recent = audit.Recent(10);

        Assert.Equal(["victor", "olga"], recent.Select(e => e.User));
        Assert.Equal((403, "Viewers may not change networks.", (string?)null), (recent[0].Status, recent[0].Detail, recent[0].Host));
        Assert.Equal(t0.ToUnixTimeMilliseconds(), recent[1].Time.ToUnixTimeMilliseconds());
        Assert.Equal(1, audit.Prune(t0.AddSeconds(30)));
        Assert.Equal("victor", Assert.Single(audit.Recent(10)).User);
    }
}
