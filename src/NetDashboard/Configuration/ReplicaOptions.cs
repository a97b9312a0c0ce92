namespace NetDashboard.Configuration;

/// <summary>
/// The <c>NetDashboard:Replicas</c> section: several dashboard processes sharing one live state through Redis. Without
/// <see cref="Redis"/> the dashboard is one process, as it always was.
/// </summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "NetDashboard:Replicas";

    /// <summary>A StackExchange.Redis configuration string (e.g. <c>redis1:6379,password=…</c>); empty: no replicas.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Seconds the leader's lease lasts without renewal (1 to 5; renewed three times per lease): when the leader dies,
    /// another replica leads within twice this.
    /// </summary>
    public double LeaseSeconds { get; set; } = 5;

    /// <summary>Prefix of every Redis key and channel of these replicas (several dashboards may share one Redis).</summary>
    public string KeyPrefix { get; set; } = "netdashboard";

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}
