using System.Text.Json.Nodes;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.History.Timeline;

namespace NetDashboard.Api;

/// <summary>
/// The topology at an earlier time (contract "The topology at an earlier time"): <c>GET /api/topology?at=&lt;time&gt;[&amp;host=]</c>
/// answers the document <c>GET /api/topology</c> answered at that time, with <c>"at"</c> added (and <c>"unobserved"</c>,
/// null unless the dashboard was not running then); <c>GET /api/topology/changes?from=&amp;to=[&amp;limit=]</c> what
/// changed between two times, oldest first, at most <c>limit</c> stored revisions per answer (then <c>truncated</c>
/// and <c>next</c>: ask again from there). A time the history does not cover answers 400 with a sentence naming the
/// times it covers.
/// </summary>
public static class TopologyTimeApi
{
    public const string ChangesRoute = "/api/topology/changes";

    public static IEndpointRouteBuilder MapTopologyTimeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ChangesRoute, async (string? from, string? to, string? limit, TopologyTimeline timeline, CancellationToken ct) =>
        {
            if (!HistoryInput.TryParseTime(from, out var start))
            {
                return BadRequest("Invalid time", from is null
                    ? $"The query parameter 'from' is missing: {HistoryInput.TimeHint}."
                    : $"'{from}' is not a time: {HistoryInput.TimeHint}.");
            }
            DateTimeOffset? end = null;
            if (to is not null)
            {
                if (!HistoryInput.TryParseTime(to, out var parsed))
                {
                    return BadRequest("Invalid time", $"'{to}' is not a time: {HistoryInput.TimeHint}.");
                }
                end = parsed;
            }
            var max = TopologyTimeline.MaxRevisionsPerPage;
            if (limit is not null && (!int.TryParse(limit, out max) || max < 1 || max > TopologyTimeline.MaxRevisionsPerPage))
            {
                return BadRequest("Invalid limit", $"'{limit}' is not a limit: give a whole number from 1 to {TopologyTimeline.MaxRevisionsPerPage} (stored revisions per answer).");
            }
            var changes = await timeline.ChangesAsync(start, end, max, ct);
            if (changes.Problem is { } problem)
            {
                return BadRequest("Times not covered", problem);
            }
            return Results.Json(new ChangesResponse(changes.From, changes.To, changes.Changes, changes.Truncated, changes.Next), TopologyJson.Options);
        }).WithName("TopologyChanges");
        return app;
    }

    /// <summary>Answers <c>GET /api/topology?at=</c>.</summary>
    public static async Task<IResult> AtAsync(string at, string? host, TopologyTimeline timeline, CancellationToken ct)
    {
        if (!HistoryInput.TryParseTime(at, out var moment))
        {
            return BadRequest("Invalid time", $"'{at}' is not a time: {HistoryInput.TimeHint}.");
        }
        var found = await timeline.AtAsync(moment, ct);
        if (found.Snapshot is not { } snapshot)
        {
            return BadRequest("Time not covered", found.Problem ?? "The history does not cover that time.");
        }
        if (!string.IsNullOrEmpty(host))
        {
            if (!snapshot.Hosts.Any(h => h.Id == host))
            {
                return TopologyApi.UnknownHost(host, snapshot);
            }
            snapshot = snapshot.ForHost(host);
        }
        return Results.Text(Document(snapshot, moment, found.Unobserved).ToJsonString(TopologyJson.Options), "application/json");
    }

    /// <summary>The document of <paramref name="snapshot"/> with <c>"at"</c> and <c>"unobserved"</c> added.</summary>
    public static JsonObject Document(TopologySnapshot snapshot, DateTimeOffset at, TimelineGap? unobserved)
    {
        var document = System.Text.Json.JsonSerializer.SerializeToNode(snapshot, TopologyJson.Options)!.AsObject();
        document["at"] = System.Text.Json.JsonSerializer.SerializeToNode(at, TopologyJson.Options);
        document["unobserved"] = System.Text.Json.JsonSerializer.SerializeToNode(unobserved, TopologyJson.Options);
        return document;
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    private sealed record ChangesResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TimelineChange> Changes, bool Truncated, DateTimeOffset? Next);
}
