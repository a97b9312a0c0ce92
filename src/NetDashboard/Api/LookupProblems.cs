using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Api;

/// <summary>
/// The API's answer when a query's text names several containers or networks (<see cref="TopologyResolver"/>): 400,
/// problem+json whose <c>detail</c> is the resolver's sentence listing the candidates, and a <c>candidates</c> member
/// (<c>[{ id, name, hostId }]</c>) for scripts. Text that names nothing stays each route's 404.
/// </summary>
public static class LookupProblems
{
    public static IResult Ambiguous(LookupResult<ContainerInfo> result) =>
        Ambiguous("container", result.Ambiguity, result.Matches.Select(c => (c.Id, c.Name, c.HostId)));

    public static IResult Ambiguous(LookupResult<NetworkInfo> result) =>
        Ambiguous("network", result.Ambiguity, result.Matches.Select(n => (n.Id, n.Name, n.HostId)));

    private static IResult Ambiguous(string kind, string? sentence, IEnumerable<(string Id, string Name, string HostId)> candidates) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Ambiguous {kind}",
            detail: sentence,
            extensions: new Dictionary<string, object?>
            {
                ["candidates"] = candidates.Select(c => new { id = c.Id, name = c.Name, hostId = c.HostId }).ToList(),
            });
}
