using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.History.Storage;

namespace NetDashboard.Api;

/// <summary>
/// The history routes: <c>GET /api/history</c> (status), <c>GET /api/history/containers/{nameOrId}[?host=]</c>
/// (a container's dated addresses and events, removed containers too), <c>GET /api/history/ip/{ip}[?at=][&amp;host=]</c>
/// (who held an address at a time, or every holder over time, newest 1,000 per page: <c>?limit=</c>, <c>?before=</c>) and <c>GET /api/history/events[?limit=][&amp;host=]</c>.
/// Errors are problem+json with one sentence: 400 for a bad address or time, 404 for a container never seen,
/// 503 while history is off or unavailable.
/// </summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/history", (HistoryAccess access) =>
        {
            var counted = access.TryQuery(store => store.Counts(), out var counts, out var problem);
            return Results.Json(new HistoryStatusResponse(
                access.Status, access.Reason, access.DatabasePath, access.RetentionDays,
                counted ? counts.Assignments : null, counted ? counts.OpenAssignments : null, counted ? counts.Events : null,
                access.Problem ?? (access.IsAvailable && problem.Length > 0 ? problem : null), access.Waiting, access.Notice), TopologyJson.Options);
        }).WithName("HistoryStatus");

        app.MapGet("/api/history/containers/{nameOrId}", (string nameOrId, string? host, HistoryAccess access, IpChangeBadges badges) =>
        {
            if (!access.TryQuery(store => store.FindContainer(nameOrId, string.IsNullOrWhiteSpace(host) ? null : host), out var found, out var problem))
            {
                return Unavailable(problem);
            }
            if (found is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Container never seen",
                    detail: $"The history has no container named '{nameOrId}' or with that id{(string.IsNullOrWhiteSpace(host) ? "" : $" on host '{host}'")} in the last {access.RetentionDays} days.");
            }
            var changes = found.Containers.SelectMany(c => badges.For(c.HostId, c.ContainerId)).ToList();
            return Results.Json(new ContainerHistoryResponse(
                found.Query, found.Containers, found.Assignments.Select(AssignmentView.Of).ToList(), found.Events, changes, found.Truncated), TopologyJson.Options);
        }).WithName("ContainerHistory");

        app.MapGet("/api/history/ip/{ip}", (string ip, string? at, string? host, string? limit, string? before, HistoryAccess access) =>
        {
            var max = HistoryStore.MaxRows;
            if (limit is not null && (!int.TryParse(limit, out max) || max < 1 || max > HistoryStore.MaxRows))
            {
                return BadRequest("Invalid limit", $"'{limit}' is not a limit: give a whole number from 1 to {HistoryStore.MaxRows} (holders per answer).");
            }
            DateTimeOffset? olderThan = null;
            if (before is not null)
            {
                if (!HistoryInput.TryParseTime(before, out var parsed))
                {
                    return BadRequest("Invalid time", $"'{before}' is not a time: {HistoryInput.TimeHint}.");
                }
                olderThan = parsed;
            }
            if (!HistoryInput.TryParseIp(ip, out var canonical))
            {
                return BadRequest("Invalid IP address", $"'{ip}' is not an IP address: use one address such as 172.17.0.5 or fd00::5, without a prefix length.");
            }
            DateTimeOffset? moment = null;
            if (at is not null)
            {
                if (!HistoryInput.TryParseTime(at, out var parsed))
                {
                    return BadRequest("Invalid time", $"'{at}' is not a time: {HistoryInput.TimeHint}.");
                }
                moment = parsed;
            }
            if (!access.TryQuery(store => store.WhoHad(canonical, moment, string.IsNullOrWhiteSpace(host) ? null : host, max, olderThan), out var holders, out var problem))
            {
                return Unavailable(problem);
            }
            return Results.Json(new IpHistoryResponse(canonical, moment, string.IsNullOrWhiteSpace(host) ? null : host,
                holders!.Select(AssignmentView.Of).ToList(), holders!.More, holders.More ? holders[0].From : null), TopologyJson.Options);
        }).WithName("IpHistory");

        app.MapGet("/api/history/events", (int? limit, string? host, HistoryAccess access) =>
        {
            if (limit is < 1 or > 5000)
            {
                return BadRequest("Invalid limit", $"'limit' must be between 1 and 5000 (got {limit}).");
            }
            if (!access.TryQuery(store => store.RecentEvents(limit ?? 100, string.IsNullOrWhiteSpace(host) ? null : host), out var events, out var problem))
            {
                return Unavailable(problem);
            }
            return Results.Json(events, TopologyJson.Options);
        }).WithName("HistoryEvents");

        return app;
    }

    private static IResult Unavailable(string problem) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "History unavailable", detail: problem);

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}

/// <summary>
/// The body of <c>GET /api/history</c>. <see cref="Problem"/>: why writing (or reading) fails just now, with
/// <see cref="Waiting"/> changes kept in memory meanwhile; <see cref="Notice"/>: e.g. that a damaged database was moved aside.
/// </summary>
public sealed record HistoryStatusResponse(
    HistoryAvailability Status, string? Reason, string? DatabasePath, int RetentionDays, long? Assignments, long? OpenAssignments, long? Events,
    string? Problem = null, int Waiting = 0, string? Notice = null);

/// <summary>The body of <c>GET /api/history/containers/{nameOrId}</c>.</summary>
public sealed record ContainerHistoryResponse(
    string Query, IReadOnlyList<KnownContainer> Containers, IReadOnlyList<AssignmentView> Assignments, IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<IpChange> IpChanges, bool Truncated = false);

/// <summary>
/// The body of <c>GET /api/history/ip/{ip}</c>: who held the address (at <see cref="At"/>, or ever), the newest
/// <c>limit</c> of them; <see cref="Truncated"/> when older ones exist — <see cref="NextBefore"/> is the <c>before=</c>
/// of the next page.
/// </summary>
public sealed record IpHistoryResponse(
    string Ip, DateTimeOffset? At, string? Host, IReadOnlyList<AssignmentView> Holders, bool Truncated = false, DateTimeOffset? NextBefore = null);

/// <summary>One dated assignment on the wire.</summary>
public sealed record AssignmentView(
    string HostId, string ContainerId, string ContainerName, string NetworkId, string NetworkName, string? EndpointId,
    string? Ipv4, int? Ipv4PrefixLength, string? Ipv6, int? Ipv6PrefixLength, string? Mac, string? Veth, string? ContainerInterface,
    DateTimeOffset From, DateTimeOffset? To, bool Current, bool OpenedAtResync, bool ClosedAtResync, bool ObservedAtResync)
{
    public static AssignmentView Of(AssignmentRecord r) => new(
        r.HostId, r.ContainerId, r.ContainerName, r.NetworkId, r.NetworkName, r.EndpointId, r.Ipv4, r.Ipv4PrefixLength, r.Ipv6,
        r.Ipv6PrefixLength, r.Mac, r.Veth, r.ContainerInterface, r.From, r.To, r.To is null, r.OpenedAtResync, r.ClosedAtResync,
        r.OpenedAtResync || r.ClosedAtResync);
}
