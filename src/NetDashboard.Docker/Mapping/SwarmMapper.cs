using System.Collections.Immutable;
using Docker.DotNet.Models;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Mapping;

/// <summary>Docker.DotNet's Swarm answers (nodes, services, tasks) in the core's plain observation terms.</summary>
internal static class SwarmMapper
{
    public static ObservedSwarmNodeEntry ToObserved(NodeListResponse n) => new()
    {
        Id = n.ID,
        Role = n.Spec?.Role ?? "",
        Availability = n.Spec?.Availability,
        State = n.Status?.State,
        Hostname = n.Description?.Hostname,
        Address = n.Status?.Addr,
    };

    public static ObservedService ToObserved(SwarmService s)
    {
        var mode = s.Spec?.Mode;
        var endpointMode = s.Endpoint?.Spec?.Mode ?? s.Spec?.EndpointSpec?.Mode;
        return new ObservedService
        {
            Id = s.ID,
            Name = s.Spec?.Name ?? s.ID,
            Mode = mode?.Global is not null ? "global" : mode?.ReplicatedJob is not null ? "replicated-job" : mode?.GlobalJob is not null ? "global-job" : "replicated",
            Replicas = mode?.Replicated?.Replicas is { } r ? (long)r : null,
            EndpointMode = string.IsNullOrEmpty(endpointMode) ? "vip" : endpointMode.ToLowerInvariant(),
            VirtualIps = [.. (s.Endpoint?.VirtualIPs ?? []).Where(v => v?.NetworkID is not null && !string.IsNullOrEmpty(v.Addr)).Select(v => new ObservedAddress(v.NetworkID!, v.Addr))],
            Ports = [.. (s.Endpoint?.Ports ?? s.Spec?.EndpointSpec?.Ports ?? []).Where(p => p?.TargetPort is not null).Select(p => new ObservedServicePort(
                string.IsNullOrEmpty(p.Protocol) ? "tcp" : p.Protocol, (int)p.TargetPort!.Value, p.PublishedPort is { } published and > 0 ? (int)published : null,
                string.IsNullOrEmpty(p.PublishMode) ? "ingress" : p.PublishMode))],
        };
    }

    /// <summary>False for a task the orchestrator has finished with (desired shutdown or removed, and not running any more).</summary>
    public static bool Current(TaskResponse t) =>
        Word(t.DesiredState) is not ("shutdown" or "remove") || Word(t.Status?.State) == "running";

    public static ObservedTask ToObserved(TaskResponse t) => new()
    {
        Id = t.ID,
        ServiceId = t.ServiceID ?? "",
        NodeId = t.NodeID ?? "",
        ContainerId = t.Status?.ContainerStatus?.ContainerID,
        State = Word(t.Status?.State) ?? "",
        DesiredState = Word(t.DesiredState),
        Slot = t.Slot is > 0 ? (long)t.Slot : null,
        Addresses = [.. (t.NetworksAttachments ?? []).Where(a => a?.Network?.ID is not null)
            .SelectMany(a => (a.Addresses ?? []).Select(address => new ObservedAddress(a.Network!.ID!, address)))],
    };

    /// <summary>A task state as Docker writes it (lower case), whatever type the library gives it as.</summary>
    private static string? Word<T>(T value) => value?.ToString()?.ToLowerInvariant();
}
