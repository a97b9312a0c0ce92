using NetDashboard.Core.Analysis;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Insight;
using NetDashboard.Monitoring;

namespace NetDashboard.Api;

/// <summary>
/// Network insight routes: <c>GET /api/reachability</c> (one pair, optionally verified live), <c>GET /api/reachability/matrix</c>
/// and <c>GET /api/containers/{id}/nat</c>. Containers and networks are found by <see cref="TopologyResolver"/> (the pages'
/// rule too): text that names nothing is a 404, text that names several a 400 listing them. Errors are problem+json with
/// one sentence.
/// </summary>
public static class InsightApi
{
    /// <summary>The matrix is n² analyses: beyond this many containers the caller must narrow it.</summary>
    public const int MatrixLimit = 200;

    public static IEndpointRouteBuilder MapInsightApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reachability", async (string? from, string? to, string? host, bool? verify,
            TopologyStore store, ReachabilityService reachability, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing container",
                    detail: "Name both containers: GET /api/reachability?from=<name|id>&to=<name|id>.");
            }
            var snapshot = store.Current;
            if (host is not null && !snapshot.Hosts.Any(h => h.Id == host))
            {
                return TopologyApi.UnknownHost(host, snapshot);
            }
            var pair = TopologyResolver.Pair(snapshot, from, to, host);
            if ((Problem(pair.From, from, host) ?? Problem(pair.To, to, host)) is { } problem)
            {
                return problem;
            }
            var (source, target) = (pair.From.Single!, pair.To.Single!);
            var report = reachability.Analyze(snapshot, source, target);
            if (verify == true)
            {
                if (!reachability.LiveVerificationEnabled)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Live verification is off",
                        detail: ReachabilityService.LiveVerificationOff);
                }
                report = await reachability.VerifyAsync(snapshot, report, ct);
            }
            return Results.Json(report, TopologyJson.Options);
        }).WithName("GetReachability");

        app.MapGet("/api/reachability/matrix", (string? host, string? network, bool? running, TopologyStore store) =>
        {
            var snapshot = store.Current;
            if (host is not null && !snapshot.Hosts.Any(h => h.Id == host))
            {
                return TopologyApi.UnknownHost(host, snapshot);
            }
            var net = network is null ? null : TopologyResolver.Network(snapshot, network, host);
            if (net is { IsAmbiguous: true })
            {
                return LookupProblems.Ambiguous(net);
            }
            if (net is { IsNotFound: true })
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown network",
                    detail: $"No network is named or has the id '{network}'{(host is null ? "" : $" on host {host}")}.");
            }
            var containers = ReachabilityMatrix.Select(snapshot, host, network, running == true);
            if (containers.Length > MatrixLimit)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Matrix too large",
                    detail: $"{containers.Length} containers match; narrow the matrix to at most {MatrixLimit} with network=, host= or running=true.");
            }
            return Results.Json(ReachabilityMatrix.Build(snapshot, containers), TopologyJson.Options);
        }).WithName("GetReachabilityMatrix");

        app.MapGet("/api/containers/{container}/nat", async (string container, string? host, TopologyStore store, NatPathService nat, CancellationToken ct) =>
        {
            var snapshot = store.Current;
            var lookup = TopologyResolver.Container(snapshot, container, host);
            if (lookup.Single is not { } found)
            {
                return Problem(lookup, container, host)!;
            }
            return Results.Json(await nat.GetAsync(snapshot, found, ct), TopologyJson.Options);
        }).WithName("GetNatPath");

        return app;
    }

    /// <summary>400 (ambiguous, listing the candidates) or 404 (unknown) when <paramref name="lookup"/> found no single container.</summary>
    private static IResult? Problem(LookupResult<ContainerInfo> lookup, string text, string? host) =>
        lookup.IsAmbiguous ? LookupProblems.Ambiguous(lookup)
        : lookup.IsNotFound ? UnknownContainer(text, host)
        : null;

    private static IResult UnknownContainer(string container, string? host) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown container",
            detail: $"No container is named or has the id '{container}'{(host is null ? "" : $" on host {host}")}.");
}
