using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>Containers × containers: for each ordered pair, reachable by IP and by name (row = from, column = to).</summary>
public sealed record ReachabilityMatrix
{
    public ImmutableArray<ContainerRef> Containers { get; init; } = [];
    /// <summary>Cells[row][column]; the diagonal is the container itself.</summary>
    public ImmutableArray<ImmutableArray<MatrixCell>> Cells { get; init; } = [];

    /// <summary>The containers of <paramref name="snapshot"/> that pass the filters, in name order.</summary>
    public static ImmutableArray<ContainerInfo> Select(TopologySnapshot snapshot, string? hostId = null, string? network = null, bool runningOnly = false)
    {
        var net = network is null ? null : snapshot.FindNetwork(network, hostId);
        return [.. snapshot.Containers
            .Where(c => hostId is null || c.HostId == hostId)
            .Where(c => !runningOnly || c.IsRunning)
            .Where(c => net is null || OnNetwork(snapshot, c, net))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.HostId, StringComparer.Ordinal)];
    }

    public static ReachabilityMatrix Build(TopologySnapshot snapshot, IReadOnlyList<ContainerInfo> containers)
    {
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<MatrixCell>>(containers.Count);
        foreach (var from in containers)
        {
            var row = ImmutableArray.CreateBuilder<MatrixCell>(containers.Count);
            foreach (var to in containers)
            {
                var r = ReachabilityAnalyzer.Analyze(snapshot, from, to);
                row.Add(new MatrixCell { ByIp = r.ByIp.Reachable, ByName = r.ByName.Reachable, Relation = r.Relation });
            }
            rows.Add(row.MoveToImmutable());
        }
        return new ReachabilityMatrix
        {
            Containers = [.. containers.Select(c => new ContainerRef { Id = c.Id, Name = c.Name, HostId = c.HostId })],
            Cells = rows.MoveToImmutable(),
        };
    }

    /// <summary>On the network itself, or sharing the stack of a container that is.</summary>
    private static bool OnNetwork(TopologySnapshot snapshot, ContainerInfo c, NetworkInfo network)
    {
        var owner = NetworkStack.Of(snapshot, c).Owner ?? c;
        return owner.HostId == network.HostId
               && (owner.Endpoints.Any(e => e.NetworkId == network.Id)
                   || (network.Driver == "host" && owner.NetworkMode.Kind == NetworkModeKind.Host)
                   || (network.Driver == "null" && owner.NetworkMode.Kind == NetworkModeKind.None));
    }
}

public sealed record MatrixCell
{
    public bool ByIp { get; init; }
    public bool ByName { get; init; }
    public required string Relation { get; init; }
}
