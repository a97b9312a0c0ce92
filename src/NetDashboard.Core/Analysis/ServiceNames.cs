using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// What Swarm's embedded DNS answers for a service, on a swarm-scope network both ends share: the service name resolves
/// to the service's virtual IP (load-balanced over its running tasks) in <c>vip</c> mode, or to every running task's
/// address in turn in <c>dnsrr</c> mode; <c>tasks.NAME</c> always resolves to the task addresses. Pure.
/// </summary>
public static class ServiceNames
{
    /// <summary>
    /// The service names of <paramref name="target"/> (a task's container) that resolve on one of
    /// <paramref name="sharedDnsNetworks"/>, and a sentence saying to what; null when the target is no task or no shared
    /// network is swarm-scope.
    /// </summary>
    public static (ImmutableArray<string> Names, string Sentence)? Of(TopologySnapshot snapshot, ContainerInfo target, IEnumerable<NetworkInfo> sharedDnsNetworks)
    {
        if (target.Service is not { } reference
            || snapshot.Services.FirstOrDefault(s => s.Id == reference.Id) is not { } service
            || sharedDnsNetworks.FirstOrDefault(n => n.IsSwarmScope) is not { } network)
        {
            return null;
        }
        var running = service.Tasks.Where(t => t.State == "running").ToList();
        var addresses = running
            .Select(t => (Task: t, Address: t.Addresses.FirstOrDefault(a => a.NetworkId == network.Id)?.Address))
            .Where(x => x.Address is not null)
            .Select(x => $"{Bare(x.Address!)} on {x.Task.HostId ?? x.Task.NodeId}")
            .ToList();
        var nodes = string.Join(", ", running.Select(t => t.HostId ?? t.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var tasks = $"{running.Count} running task{(running.Count == 1 ? "" : "s")}";
        string sentence;
        if (service.EndpointMode == "dnsrr")
        {
            sentence = $"on {network.Name}, \"{service.Name}\" resolves to the addresses of its {tasks} in turn (dnsrr, no virtual IP)"
                       + (addresses.Count > 0 ? $": {string.Join(", ", addresses)}" : "");
        }
        else if (service.VirtualIps.FirstOrDefault(v => v.NetworkId == network.Id) is { } vip)
        {
            sentence = $"on {network.Name}, \"{service.Name}\" resolves to VIP {Bare(vip.Address)}, balanced over {tasks}{(nodes.Length > 0 ? " on " + nodes : "")}";
        }
        else
        {
            sentence = $"\"{service.Name}\" has no virtual IP on {network.Name}: its name does not resolve there";
            return ([$"tasks.{service.Name}"], sentence + $"; \"tasks.{service.Name}\" resolves to its {tasks}");
        }
        return ([service.Name, $"tasks.{service.Name}"], sentence + $"; \"tasks.{service.Name}\" resolves to each task's own address");
    }

    /// <summary>An address without its prefix length (Swarm writes <c>10.0.1.5/24</c>).</summary>
    private static string Bare(string address) => address.Split('/')[0];
}
