using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>
/// Which of a container's endpoints carries its default route (its egress). Seen in the container's own routing table
/// where the dashboard could read it (the interface of the default route, matched to the endpoint by MAC); otherwise
/// derived the way the daemon decides: among the endpoints with a gateway on a non-internal network, the highest
/// <c>GwPriority</c> (API 1.48+). When that leaves a tie, the daemon's choice is not known: null, never a guess.
/// </summary>
public static class DefaultRouteResolver
{
    public static ImmutableArray<EndpointInfo> Mark(
        ImmutableArray<EndpointInfo> endpoints,
        ObservedContainer container,
        NetworkModeKind mode,
        IReadOnlyDictionary<string, NetworkInfo> networksById)
    {
        if (endpoints.IsEmpty || mode is NetworkModeKind.Host or NetworkModeKind.None or NetworkModeKind.Container)
        {
            return endpoints;
        }
        if (container.State is not ("running" or "paused" or "restarting"))
        {
            return endpoints; // no routes while stopped: unknown
        }
        if (Observed(endpoints, container.Interfaces) is { } seen)
        {
            return seen;
        }

        var candidates = endpoints
            .Where(e => (e.Gateway ?? e.Ipv6Gateway) is not null
                        && !(networksById.TryGetValue(e.NetworkId, out var n) && (n.Internal || n.Driver is "host" or "null")))
            .ToList();
        if (candidates.Count == 0)
        {
            return [.. endpoints.Select(e => e with { DefaultRoute = false })];
        }
        List<EndpointInfo> best;
        if (candidates.All(e => e.GwPriority is not null))
        {
            var top = candidates.Max(e => e.GwPriority!.Value);
            best = candidates.Where(e => e.GwPriority == top).ToList();
        }
        else
        {
            best = candidates;
        }
        if (best.Count == 1)
        {
            return [.. endpoints.Select(e => e with { DefaultRoute = ReferenceEquals(e, best[0]) })];
        }
        // A tie: the daemon picks one by rules of its own; only its routing table would say which.
        return [.. endpoints.Select(e => e with { DefaultRoute = best.Contains(e) ? null : false })];
    }

    /// <summary>From the container's routing table: the endpoint whose interface holds the IPv4 default route (else the IPv6 one).</summary>
    private static ImmutableArray<EndpointInfo>? Observed(ImmutableArray<EndpointInfo> endpoints, ImmutableArray<ContainerInterface>? interfaces)
    {
        if (interfaces is not { } read || endpoints.All(e => e.ContainerInterface is null))
        {
            return null;
        }
        var via = read.FirstOrDefault(i => i.DefaultRoute) ?? read.FirstOrDefault(i => i.DefaultRouteIpv6);
        if (via is null || endpoints.All(e => e.ContainerInterface != via.Name))
        {
            return null; // no default route seen (or the routes were not readable), or by an interface no endpoint claims: derive
        }
        return [.. endpoints.Select(e => e with { DefaultRoute = e.ContainerInterface == via.Name })];
    }
}
