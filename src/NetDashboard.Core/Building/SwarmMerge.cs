using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>
/// Puts the watched daemons of a Swarm together (contract 1.1). A swarm-scope network (overlay, ingress) has the same id
/// on every node, but each node reports it with only its own endpoints (moby #24962): it becomes ONE network whose
/// <c>hostIds</c> list every watched node carrying it, the first of them its <c>hostId</c>, and the containers of every
/// node keep their endpoints on it. Local networks stay one per host, whatever their names. Services and their tasks
/// come from any watched manager; each task is placed on the watched host whose node id it names. Pure.
/// </summary>
public static class SwarmMerge
{
    /// <summary>Container labels Swarm puts on a task's container.</summary>
    public const string ServiceIdLabel = "com.docker.swarm.service.id";
    public const string ServiceNameLabel = "com.docker.swarm.service.name";
    public const string TaskIdLabel = "com.docker.swarm.task.id";

    /// <summary>
    /// One object per swarm-scope network id (the first host's, in <paramref name="hostOrder"/>), with the hosts that
    /// carry it; every other network with its own host as its only one.
    /// </summary>
    public static ImmutableArray<NetworkInfo> MergeNetworks(IEnumerable<NetworkInfo> networks, IReadOnlyList<string> hostOrder)
    {
        var rank = hostOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int Rank(string hostId) => rank.TryGetValue(hostId, out var r) ? r : int.MaxValue;
        var result = ImmutableArray.CreateBuilder<NetworkInfo>();
        foreach (var group in networks.GroupBy(TopologyOrdering.NetworkKey))
        {
            var carriers = group.OrderBy(n => Rank(n.HostId)).ThenBy(n => n.HostId, StringComparer.Ordinal).ToList();
            var first = carriers[0];
            result.Add(first with { HostIds = [.. carriers.Select(n => n.HostId).Distinct(StringComparer.Ordinal)] });
        }
        return result.ToImmutable();
    }

    /// <summary>The service and task of a task's container, from the labels Swarm puts on it; null for any other container.</summary>
    public static ServiceRef? ServiceOf(ContainerInfo container) =>
        container.Labels.TryGetValue(ServiceIdLabel, out var id) && container.Labels.TryGetValue(TaskIdLabel, out var task)
            ? new ServiceRef { Id = id, Name = container.Labels.GetValueOrDefault(ServiceNameLabel, id), TaskId = task }
            : null;

    /// <summary>
    /// A host's Swarm node, with its availability and state as a watched manager of its cluster lists it (a worker's own
    /// <c>/info</c> names neither its cluster nor its role beyond "not a manager").
    /// </summary>
    public static SwarmNodeInfo? NodeOf(ObservedHost host, IReadOnlyList<ObservedSwarmCluster> clusters)
    {
        if (host.Swarm is not { } node)
        {
            return null;
        }
        // A worker's /info names no cluster: the manager that lists its node id tells (node ids are unique across clusters).
        var cluster = clusters.FirstOrDefault(c => (node.ClusterId.Length == 0 || c.ClusterId == node.ClusterId) && c.Nodes.Any(n => n.Id == node.NodeId));
        var entry = cluster?.Nodes.First(n => n.Id == node.NodeId);
        return new SwarmNodeInfo
        {
            NodeId = node.NodeId,
            ClusterId = node.ClusterId.Length > 0 ? node.ClusterId : cluster?.ClusterId ?? "",
            Role = node.Manager || entry?.Role == SwarmRoles.Manager ? SwarmRoles.Manager : SwarmRoles.Worker,
            Availability = entry?.Availability,
            State = entry?.State,
            Hostname = entry?.Hostname,
            Address = entry?.Address ?? node.NodeAddress,
        };
    }

    /// <summary>
    /// Every service the watched managers report (one entry per service id, whichever manager told first), with each
    /// task placed on the watched host that is its node.
    /// </summary>
    public static ImmutableArray<ServiceInfo> Services(IReadOnlyList<ObservedSwarmCluster> clusters, IEnumerable<HostInfo> hosts)
    {
        var hostOfNode = new Dictionary<string, string>(StringComparer.Ordinal); // node id → host id
        foreach (var host in hosts)
        {
            if (host.Swarm is { } s)
            {
                hostOfNode.TryAdd(s.NodeId, host.Id);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<ServiceInfo>();
        foreach (var cluster in clusters)
        {
            var tasksOf = cluster.Tasks.ToLookup(t => t.ServiceId, StringComparer.Ordinal);
            foreach (var service in cluster.Services.Where(s => seen.Add(s.Id)))
            {
                result.Add(new ServiceInfo
                {
                    Id = service.Id,
                    Name = service.Name,
                    ClusterId = cluster.ClusterId,
                    Mode = service.Mode,
                    Replicas = service.Replicas,
                    EndpointMode = service.EndpointMode,
                    VirtualIps = [.. service.VirtualIps.Select(Address)],
                    Ports = [.. service.Ports.Select(p => new ServicePortInfo { Protocol = p.Protocol, TargetPort = p.TargetPort, PublishedPort = p.PublishedPort, PublishMode = p.PublishMode })],
                    Tasks = [.. tasksOf[service.Id]
                        .OrderBy(t => t.Slot ?? long.MaxValue).ThenBy(t => t.NodeId, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal)
                        .Select(t => new TaskInfo
                        {
                            Id = t.Id,
                            NodeId = t.NodeId,
                            HostId = hostOfNode.GetValueOrDefault(t.NodeId),
                            ContainerId = string.IsNullOrEmpty(t.ContainerId) ? null : t.ContainerId,
                            State = t.State,
                            DesiredState = t.DesiredState,
                            Addresses = [.. t.Addresses.Select(Address)],
                            Slot = t.Slot,
                        })],
                });
            }
        }
        return result.ToImmutable();
    }

    private static NetworkAddress Address(ObservedAddress a) => new() { NetworkId = a.NetworkId, Address = a.Address };
}
