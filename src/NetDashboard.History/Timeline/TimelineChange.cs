namespace NetDashboard.History.Timeline;

/// <summary>
/// One entry of <c>GET /api/topology/changes</c>: what changed at <see cref="Time"/> (revision <see cref="Revision"/>
/// of its run), in a sentence. <see cref="ObservedLate"/>: seen when the dashboard started again, it happened at some
/// moment while nobody watched (the entry before it, of kind <see cref="TimelineChangeKinds.NotWatched"/>, dates that gap).
/// </summary>
public sealed record TimelineChange
{
    public required DateTimeOffset Time { get; init; }
    public required long Revision { get; init; }
    public required string Kind { get; init; }
    public required string Summary { get; init; }
    public string? HostId { get; init; }
    public string? ContainerId { get; init; }
    public string? NetworkId { get; init; }
    public bool ObservedLate { get; init; }
}

/// <summary>The kinds of <see cref="TimelineChange"/>.</summary>
public static class TimelineChangeKinds
{
    public const string ContainerAdded = "container-added";
    public const string ContainerRemoved = "container-removed";
    public const string ContainerChanged = "container-changed";
    public const string NetworkAdded = "network-added";
    public const string NetworkRemoved = "network-removed";
    public const string NetworkChanged = "network-changed";
    public const string HostAdded = "host-added";
    public const string HostRemoved = "host-removed";
    public const string HostChanged = "host-changed";
    /// <summary>The dashboard was not running: nothing was observed between the entry's time and the next entry.</summary>
    public const string NotWatched = "dashboard-not-running";
    /// <summary>The dashboard ran but could not record: nothing was stored between the entry's time and the next entry.</summary>
    public const string NotRecorded = "not-recorded";
}
