namespace NetDashboard.History.Storage;

/// <summary>
/// The database schema, as numbered migrations applied in order at start-up (each in its own transaction, recorded
/// in <c>schema_migrations</c>). Never edit a shipped migration: add the next one.
/// Times are INTEGER milliseconds since the Unix epoch (UTC), so range queries compare numbers.
/// </summary>
internal static class HistoryMigrations
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
    ];

    public static int Latest => All[^1].Version;
}
