using NetDashboard.Core.Model;

namespace NetDashboard.Hubs;

/// <summary>The server → client methods of the hub contract (shared/contracts/topology-api.md).</summary>
public interface ITopologyClient
{
    /// <summary>The full topology document, exactly as <c>GET /api/topology</c> returns it.</summary>
    Task Snapshot(TopologySnapshot snapshot);

    /// <summary>What turns <c>fromRevision</c> into <c>toRevision</c>; consecutive changes may be merged into one.</summary>
    Task Changed(TopologyDelta delta);
}
