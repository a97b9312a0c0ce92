using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.Monitoring;
using NetDashboard.Replicas;

namespace NetDashboard.Api;

/// <summary>The public REST routes of <c>shared/contracts/topology-api.md</c>.</summary>
public static class TopologyApi
{
    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/topology", async (string? host, string? at, TopologyStore store, TopologyTimeline timeline, CancellationToken ct) =>
        {
            if (at is not null)
            {
                return await TopologyTimeApi.AtAsync(at, host, timeline, ct);
            }
            var snapshot = store.Current;
            if (host is null)
            {
                return Results.Json(snapshot, TopologyJson.Options);
            }
            if (!snapshot.Hosts.Any(h => h.Id == host))
            {
                return UnknownHost(host, snapshot);
            }
            return Results.Json(snapshot.ForHost(host), TopologyJson.Options);
        }).WithName("GetTopology");

        app.MapGet("/healthz", (TopologyStore store, ReplicaStatus replica) =>
        {
            var snapshot = store.Current;
            var body = new
            {
                status = "up",
                revision = snapshot.Revision,
                // Among replicas (NetDashboard:Replicas:Redis): this one's role, and a sentence while Redis is away.
                replica = replica.Role == ReplicaRole.Single ? null : new { id = replica.Id, role = replica.Role, problem = replica.Problem },
                hosts = snapshot.Hosts.Select(h => new
                {
                    id = h.Id,
                    status = h.Status,
                    reachable = h.Status == HostStatus.Connected,
                    error = h.Error,
                }),
            };
            return Results.Json(body, TopologyJson.Options);
        }).WithName("Health").AllowAnonymous(); // the container's HEALTHCHECK asks it without credentials

        app.MapFallback("/api/{**path}", (HttpContext context) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown API route",
            detail: $"There is no API route {context.Request.Method} {context.Request.Path}. The public routes are GET /api/topology[?at=<time>], GET /api/topology/changes?from=&to=, GET /api/topology/export?format=mermaid|dot|svg|json, GET /api/reachability?from=&to=, GET /api/reachability/matrix, GET /api/containers/{{name|id}}/nat, GET /api/history/containers/{{name|id}}, GET /api/history/ip/{{ip}}?at=<time> and GET /healthz."));

        return app;
    }

    internal static IResult UnknownHost(string host, TopologySnapshot snapshot) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown host",
            detail: $"No watched host has the id '{host}'. Known hosts: {string.Join(", ", snapshot.Hosts.Select(h => h.Id))}.");
}
