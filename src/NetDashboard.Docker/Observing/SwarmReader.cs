using System.Collections.Immutable;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// The daemon's place in a Docker Swarm, read with every full read: its node (the <c>Swarm</c> section of <c>/info</c>)
/// and, on a manager only, the cluster's nodes, services and tasks (one list call each, whatever their number). A worker
/// is never asked what only managers answer; it is said once in the log. A failed read costs neither the connection nor
/// the rest of the read: the swarm part is then missing, and the log says why, once per reason. It never throws for
/// daemon trouble.
/// </summary>
internal sealed class SwarmReader(string hostId, ILogger logger)
{
    private string? _lastNote;

    public async Task<(ObservedSwarmNode? Node, ObservedSwarmCluster? Cluster)> ReadAsync(
        IDockerClient client, TimeSpan timeout, DockerCallCounter calls, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        ObservedSwarmNode? node;
        try
        {
            calls.Increment("info");
            node = NodeOf((await client.System.GetSystemInfoAsync(cts.Token))?.Swarm);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Note(ex, "the daemon's /info could not be read; whether it is a Swarm node is not known.");
            return (null, null);
        }
        if (node is null)
        {
            return (null, null);
        }
        if (!node.Manager)
        {
            Note(null, $"this daemon is a Swarm worker (node {node.NodeId}); services, tasks and nodes are read from a watched manager.");
            return (node, null);
        }
        try
        {
            calls.Increment("swarm-nodes");
            var nodes = await client.Swarm.ListNodesAsync(cts.Token) ?? [];
            calls.Increment("swarm-services");
            var services = await client.Swarm.ListServicesAsync(new ServiceListParameters(), cts.Token) ?? [];
            calls.Increment("swarm-tasks");
            var tasks = await client.Tasks.ListAsync(cts.Token) ?? [];
            Note(null, $"this daemon is a Swarm manager (node {node.NodeId}).");
            return (node, new ObservedSwarmCluster
            {
                ClusterId = node.ClusterId,
                Nodes = [.. nodes.Where(n => n?.ID is not null).Select(SwarmMapper.ToObserved)],
                Services = [.. services.Where(s => s?.ID is not null).Select(SwarmMapper.ToObserved)],
                Tasks = [.. tasks.Where(t => t?.ID is not null && SwarmMapper.Current(t)).Select(SwarmMapper.ToObserved)],
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Note(ex, "the Swarm manager's nodes, services or tasks could not be read; services are left out until the next read.");
            return (node, null);
        }
    }

    private static ObservedSwarmNode? NodeOf(Info? swarm) =>
        swarm is { LocalNodeState: "active", NodeID: { Length: > 0 } nodeId }
            ? new ObservedSwarmNode
            {
                NodeId = nodeId,
                ClusterId = swarm.Cluster?.ID ?? "",
                Manager = swarm.ControlAvailable,
                NodeAddress = string.IsNullOrEmpty(swarm.NodeAddr) ? null : swarm.NodeAddr,
            }
            : null;

    /// <summary>Logs a note once per distinct sentence (a worker is said once, not on every read).</summary>
    private void Note(Exception? ex, string sentence)
    {
        if (sentence == _lastNote)
        {
            return;
        }
        _lastNote = sentence;
        if (ex is null)
        {
            logger.LogInformation("Host {Host}: {Note}", hostId, sentence);
        }
        else
        {
            logger.LogWarning("Host {Host}: {Note} ({Reason})", hostId, sentence, DaemonText.Reason(ex));
        }
    }
}
