namespace NetDashboard.History.Storage;

/// <summary>
/// The same schema, version for version, in PostgreSQL's DDL: <c>BIGSERIAL</c> ids, <c>BIGINT</c> times (milliseconds
/// since the epoch, as in SQLite), <c>BYTEA</c> bodies, <c>COALESCE</c> in the expression index, a quoted
/// <c>"user"</c>. Never edit a shipped migration: add the next one to both lists.
/// </summary>
internal static partial class HistoryMigrations
{
    public static IReadOnlyList<Migration> Postgres { get; } =
    [
        new(1, "assignments, events, hosts", """
            CREATE TABLE assignments (
                id BIGSERIAL PRIMARY KEY,
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
                valid_from BIGINT NOT NULL,
                valid_to BIGINT,
                opened_at_resync BIGINT NOT NULL DEFAULT 0,
                closed_at_resync BIGINT NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX ux_assignments_open ON assignments(host_id, container_id, network_id) WHERE valid_to IS NULL;
            CREATE INDEX ix_assignments_ipv4 ON assignments(ipv4, valid_from);
            CREATE INDEX ix_assignments_ipv6 ON assignments(ipv6, valid_from);
            CREATE INDEX ix_assignments_container_id ON assignments(container_id, valid_from);
            CREATE INDEX ix_assignments_container_name ON assignments(container_name);
            CREATE INDEX ix_assignments_from ON assignments(valid_from);
            CREATE INDEX ix_assignments_to ON assignments(valid_to);

            CREATE TABLE events (
                id BIGSERIAL PRIMARY KEY,
                time BIGINT NOT NULL,
                host_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                container_id TEXT,
                container_name TEXT,
                network_id TEXT,
                network_name TEXT,
                detail TEXT,
                source TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_events_identity ON events(host_id, time, kind, COALESCE(container_id, ''), COALESCE(network_id, ''));
            CREATE INDEX ix_events_time ON events(time);
            CREATE INDEX ix_events_container_id ON events(container_id, time);
            CREATE INDEX ix_events_container_name ON events(container_name);

            CREATE TABLE hosts (
                host_id TEXT PRIMARY KEY,
                last_seen BIGINT NOT NULL
            );
            """),
        new(2, "audit", """
            CREATE TABLE audit (
                id BIGSERIAL PRIMARY KEY,
                time BIGINT NOT NULL,
                "user" TEXT NOT NULL,
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
            CREATE TABLE topology_revisions (
                id BIGSERIAL PRIMARY KEY,
                run TEXT NOT NULL,
                revision BIGINT NOT NULL,
                time BIGINT NOT NULL,
                generated_at_ticks BIGINT NOT NULL,
                checkpoint BIGINT NOT NULL,
                body BYTEA NOT NULL
            );
            CREATE UNIQUE INDEX ux_topology_revisions_run ON topology_revisions(run, revision);
            CREATE INDEX ix_topology_revisions_time ON topology_revisions(time, id);

            CREATE TABLE topology_runs (
                run TEXT PRIMARY KEY,
                started_at BIGINT NOT NULL,
                alive_until BIGINT NOT NULL
            );
            CREATE INDEX ix_topology_runs_started ON topology_runs(started_at);
            """),
        new(4, "why a run stopped recording", """
            ALTER TABLE topology_runs ADD COLUMN stopped_recording TEXT;
            """),
    ];
}
