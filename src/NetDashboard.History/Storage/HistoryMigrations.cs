namespace NetDashboard.History.Storage;

/// <summary>
/// The database schema, as numbered migrations applied in order at start-up (each in its own transaction, recorded
/// in <c>schema_migrations</c>). Never edit a shipped migration: add the next one.
/// Times are INTEGER milliseconds since the Unix epoch (UTC), so range queries compare numbers.
/// </summary>
internal static partial class HistoryMigrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "assignments, events, hosts", """
            CREATE TABLE assignments (
                id INTEGER PRIMARY KEY,
                host_id TEXT NOT NULL,
                container_id TEXT NOT NULL,
                container_name TEXT NOT NULL,
                network_id TEXT NOT NULL,
                network_name TEXT NOT NULL,
                endpoint_id TEXT,
                ipv4 TEXT,
                ipv4_prefix INTEGER,
                ipv6 TEXT,
                ipv6_prefix INTEGER,
                mac TEXT,
                veth TEXT,
                container_interface TEXT,
                valid_from INTEGER NOT NULL,
                valid_to INTEGER,
                opened_at_resync INTEGER NOT NULL DEFAULT 0,
                closed_at_resync INTEGER NOT NULL DEFAULT 0
            );
            -- At most one open assignment per container and network: closes find their row by this key.
            CREATE UNIQUE INDEX ux_assignments_open ON assignments(host_id, container_id, network_id) WHERE valid_to IS NULL;
            CREATE INDEX ix_assignments_ipv4 ON assignments(ipv4, valid_from);
            CREATE INDEX ix_assignments_ipv6 ON assignments(ipv6, valid_from);
            CREATE INDEX ix_assignments_container_id ON assignments(container_id, valid_from);
            CREATE INDEX ix_assignments_container_name ON assignments(container_name);
            CREATE INDEX ix_assignments_from ON assignments(valid_from);
            CREATE INDEX ix_assignments_to ON assignments(valid_to);

            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                host_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                container_id TEXT,
                container_name TEXT,
                network_id TEXT,
                network_name TEXT,
                detail TEXT,
                source TEXT NOT NULL
            );
            -- The event stream replays a little after a reconnect: the same event twice is stored once.
            CREATE UNIQUE INDEX ux_events_identity ON events(host_id, time, kind, IFNULL(container_id, ''), IFNULL(network_id, ''));
            CREATE INDEX ix_events_time ON events(time);
            CREATE INDEX ix_events_container_id ON events(container_id, time);
            CREATE INDEX ix_events_container_name ON events(container_name);

            CREATE TABLE hosts (
                host_id TEXT PRIMARY KEY,
                last_seen INTEGER NOT NULL
            );
            """),
        new(2, "audit", """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                user TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                host TEXT,
                target TEXT,
                parameters TEXT,
                outcome TEXT NOT NULL,
                status INTEGER NOT NULL,
                detail TEXT
            );
            CREATE INDEX ix_audit_time ON audit(time);
            """),
        new(3, "topology revisions and dashboard runs", """
            -- One row per recorded revision of the whole topology document: a checkpoint (the document) or a delta
            -- from the run's previous row (the hub's Changed message), as Brotli-compressed JSON. Revisions restart
            -- with each dashboard run, so a row is found by its run and its time; id orders them.
            CREATE TABLE topology_revisions (
                id INTEGER PRIMARY KEY,
                run TEXT NOT NULL,
                revision INTEGER NOT NULL,
                time INTEGER NOT NULL,
                generated_at_ticks INTEGER NOT NULL, -- the document's generatedAt to the tick, as the API wrote it
                checkpoint INTEGER NOT NULL,
                body BLOB NOT NULL
            );
            CREATE UNIQUE INDEX ux_topology_revisions_run ON topology_revisions(run, revision);
            CREATE INDEX ix_topology_revisions_time ON topology_revisions(time, id);

            -- Each dashboard run: when it started and the last moment it was known to be running (noted every
            -- minute and at stop). Between one run's alive_until and the next one's started_at nobody watched.
            CREATE TABLE topology_runs (
                run TEXT PRIMARY KEY,
                started_at INTEGER NOT NULL,
                alive_until INTEGER NOT NULL
            );
            CREATE INDEX ix_topology_runs_started ON topology_runs(started_at);
            """),
        new(4, "why a run stopped recording", """
            -- Set when a run stopped storing revisions while it kept running (the database refused writes for so long
            -- that the revisions waiting in memory reached their limit): the sentence the timeline shows for the gap.
            ALTER TABLE topology_runs ADD COLUMN stopped_recording TEXT;
            """),
    ];

    public static int Latest => All[^1].Version;
}
