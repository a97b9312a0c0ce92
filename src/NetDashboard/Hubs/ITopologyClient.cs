using NetDashboard.Core.Model;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Hubs;

/// <summary>The server → client methods of the hub contract (shared/contracts/topology-api.md).</summary>
public interface ITopologyClient
{
    /// <summary>The full topology document, exactly as <c>GET /api/topology</c> returns it.</summary>
    Task Snapshot(TopologySnapshot snapshot);

    /// <summary>What turns <c>fromRevision</c> into <c>toRevision</c>; consecutive changes may be merged into one.</summary>
    Task Changed(TopologyDelta delta);

    /// <summary>The traffic document, as <c>GET /api/traffic</c> returns it; only after <c>SubscribeTraffic()</c>.</summary>
    Task Traffic(TrafficDocument traffic);
}
