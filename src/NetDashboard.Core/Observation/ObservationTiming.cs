namespace NetDashboard.Core.Observation;

/// <summary>
/// When the stages of one read happened, by the dashboard's clock: the first daemon event it follows (null for a read
/// no event asked for), the read's start and end, and whether it re-read only the containers the events named. For
/// latency diagnostics only; never part of the topology.
/// </summary>
public sealed record ObservationTiming(DateTimeOffset? FirstEventAt, DateTimeOffset ReadStartedAt, DateTimeOffset ReadEndedAt, bool Incremental);
