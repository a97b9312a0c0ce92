using System.Collections.Immutable;
using NetDashboard.Core.Management;

namespace NetDashboard.Management;

/// <summary>The HTTP answer to a write: its result, or problem+json with a sentence, the per-field errors and the attached containers.</summary>
public static class WriteOutcome
{
    public static IResult ToResult(WriteResult result) => result.Status switch
    {
        201 => Results.Created($"/api/networks/{result.Id}", (object?)result.Network ?? new { id = result.Id, name = result.Name, hostId = result.HostId }),
        204 => Results.NoContent(),
        < 400 => Results.StatusCode(result.Status),
        _ => Problem(result.Status, result.Detail ?? "Refused.", result.Errors, result.Attached),
    };

    /// <summary>problem+json with a sentence, and per-field errors and the attached containers where there are any.</summary>
    public static IResult Problem(int status, string detail, IReadOnlyDictionary<string, ImmutableArray<string>>? errors = null,
        IEnumerable<ContainerRef>? attached = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        }
        if (attached is not null && attached.Any())
        {
            extensions["attached"] = attached.Select(a => new { id = a.Id, name = a.Name }).ToList();
        }
        return Results.Problem(statusCode: status, detail: detail, title: Title(status), extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        400 => "Not possible as asked",
        403 => "Not allowed",
        404 => "Not found",
        409 => "Conflict",
        503 => "Daemon unreachable",
        _ => "Refused",
    };
}
