using NetDashboard.Core.Model;

namespace NetDashboard.Monitoring;

/// <summary>One published change of the store: the delta and the snapshot it leads to.</summary>
public sealed record TopologyChange(TopologyDelta Delta, TopologySnapshot Snapshot);
