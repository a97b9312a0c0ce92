namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard:History</c> section: where the address history is kept, and for how long.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "NetDashboard:History";

    /// <summary>Record endpoint assignments and topology events (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file. Default: <c>history.db</c> (<c>history-demo.db</c> for the demo) in
    /// <c>NetDashboard:DataDirectory</c>; a relative path is taken from that folder.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>): history, audit and the topology's
    /// earlier revisions live in that PostgreSQL database instead of the SQLite file, so replicas share them.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Days a closed assignment or an event is kept (default 30); older rows are pruned in the background.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Topology revisions (about 0.7 KB each) that may wait in memory while the database refuses writes (default 20,000);
    /// past that, recording stops until the database takes writes again, and the timeline says nothing was recorded then.
    /// </summary>
    public int MaxWaitingRevisions { get; set; } = 20_000;
}
