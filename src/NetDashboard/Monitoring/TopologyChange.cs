using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// One published change of the store: the delta (computed once, by the store; the hub sends it on, merged with the
/// ones next to it when it coalesces) and the snapshot it leads to.
/// </summary>
public sealed record TopologyChange(TopologyDelta Delta, TopologySnapshot Snapshot)
{
    /// <summary>
    /// What caused it: the observation that made the change, preceded by any earlier ones that changed nothing by
    /// themselves but carried daemon events (history records those events too). Oldest first.
    /// </summary>
    public ImmutableArray<ObservationOrigin> Origins { get; init; } = [];

    /// <summary>
    /// True for a revision this replica took from the leader (<see cref="TopologyStore.Follow"/>) rather than made from
    /// its own observers: the leader has recorded its history already.
    /// </summary>
    public bool Followed { get; init; }

    /// <summary>When the observation behind it was read and when the store had built and diffed it (latency diagnostics).</summary>
    public ChangeTiming? Timing { get; init; }
}

/// <summary>The stages of one change up to the store, by the dashboard's clock; <see cref="Observation"/> is null for a change no read made.</summary>
public sealed record ChangeTiming(ObservationTiming? Observation, DateTimeOffset BuildStartedAt, DateTimeOffset BuiltAt);
