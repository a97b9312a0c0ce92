using NetDashboard.Core.Lookup;
using NetDashboard.Core.Serialization;
using NetDashboard.Core.Traffic;
using NetDashboard.Monitoring;
using NetDashboard.Traffic;

namespace NetDashboard.Api;

/// <summary>
/// <c>GET /api/traffic[?host=][&amp;container=]</c> (contract 1.1 "Traffic"): the connections observed, narrowed to one
/// host and/or to the flows, listeners and unheard ports of one container (found by <see cref="TopologyResolver"/>).
/// </summary>
public static class TrafficApi
{
    public static IEndpointRouteBuilder MapTrafficApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/traffic", (string? host, string? container, TopologyStore store, TrafficFeed traffic) =>
        {
            var snapshot = store.Current;
            var document = traffic.Current;
            if (host is not null)
            {
                if (!snapshot.Hosts.Any(h => h.Id == host))
                {
                    return TopologyApi.UnknownHost(host, snapshot);
                }
                document = Narrow(document, hostId => hostId == host, _ => true);
            }
            if (!string.IsNullOrWhiteSpace(container))
            {
                var lookup = TopologyResolver.Container(snapshot, container, host);
                if (lookup.IsAmbiguous)
                {
                    return LookupProblems.Ambiguous(lookup);
                }
                if (lookup.IsNotFound)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown container",
                        detail: $"No container is named or has the id '{container}'{(host is null ? "" : $" on host {host}")}.");
                }
                var id = lookup.Single!.Id;
                document = Narrow(document, _ => true, containerId => containerId == id);
            }
            return Results.Json(document, TopologyJson.Options);
        }).WithName("GetTraffic");
        return app;
    }

    private static TrafficDocument Narrow(TrafficDocument document, Func<string, bool> host, Func<string?, bool> container) => document with
    {
        Flows = [.. document.Flows.Where(f => host(f.HostId) && (container(f.Source.ContainerId) || container(f.Destination.ContainerId)))],
        Listeners = [.. document.Listeners.Where(l => host(l.HostId) && container(l.ContainerId))],
        UnheardPorts = [.. document.UnheardPorts.Where(u => host(u.HostId) && container(u.ContainerId))],
        Hosts = [.. document.Hosts.Where(h => host(h.HostId))],
    };
}
