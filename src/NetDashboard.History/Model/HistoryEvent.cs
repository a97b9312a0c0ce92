namespace NetDashboard.History.Model;

/// <summary>
/// One dated topology event: a daemon event (<c>container-start</c>, <c>network-connect</c>…) or one the history
/// derived itself (<see cref="HistoryEventKinds.IpChanged"/>, and what a resync found assigned or released).
/// </summary>
public sealed record HistoryEvent
{
    public required DateTimeOffset Time { get; init; }
    public required string HostId { get; init; }
    public required string Kind { get; init; }
    public string? ContainerId { get; init; }
    public string? ContainerName { get; init; }
    public string? NetworkId { get; init; }
    public string? NetworkName { get; init; }
    /// <summary>A short human sentence, e.g. <c>10.0.0.2 → 10.0.0.3</c>; null for plain daemon events.</summary>
    public string? Detail { get; init; }
    /// <summary><see cref="HistorySources.Live"/> or <see cref="HistorySources.Resync"/>.</summary>
    public required string Source { get; init; }
}

/// <summary>Where an event's knowledge came from.</summary>
public static class HistorySources
{
    /// <summary>The daemon's event stream, or the re-read right after it.</summary>
    public const string Live = "live";
    /// <summary>A connect or periodic re-read found it: it happened at some moment before, while nobody watched.</summary>
    public const string Resync = "resync";
}

/// <summary>The kinds the history derives itself (daemon events are <c>{type}-{action}</c>).</summary>
public static class HistoryEventKinds
{
    public const string IpChanged = "ip-changed";
    public const string AddressAssigned = "address-assigned";
    public const string AddressReleased = "address-released";
    /// <summary>
    /// A watched host did not answer for a while (its time is when it was last seen, its detail says until when and
    /// why): its rows stayed open, and what changed meanwhile was observed at the resync that followed.
    /// </summary>
    public const string HostNotAnswering = "host-not-answering";
    /// <summary>Changes dropped because the database could not be written for too long (its detail counts and dates them).</summary>
    public const string NotRecorded = "history-not-recorded";
}
