using System.Security.Claims;
using System.Text.Json;
using NetDashboard.Access;
using NetDashboard.History.Audit;

namespace NetDashboard.Management;

/// <summary>
/// Turns each write attempt into its answer and its audit entry, in one place: a refusal before the daemon, a refusal by
/// the daemon, a daemon out of reach, or success.
/// </summary>
public sealed class WriteOutcome(AuditLog audit, TimeProvider time)
{
    /// <summary>Records the attempt and returns <paramref name="result"/>.</summary>
    public IResult Audit(ClaimsPrincipal user, string action, string? host, string? target, object? parameters, int status, string? detail, IResult result)
    {
        audit.Record(new AuditEntry
        {
            Time = time.GetUtcNow(),
            User = user.Identity?.Name ?? "anonymous",
            Role = user.IsInRole(AccessRoles.Operator) ? AccessRoles.Operator : AccessRoles.Viewer,
            Action = action,
            Host = host,
            Target = target,
            Parameters = parameters is null ? null : JsonSerializer.Serialize(parameters, JsonSerializerOptions.Web),
            Outcome = status < 400 ? "succeeded" : status == 503 ? "failed" : "refused",
            Status = status,
            Detail = detail,
        });
        return result;
    }

    /// <summary>problem+json with a sentence, and per-field errors and the attached containers where there are any.</summary>
    public static IResult Problem(int status, string detail, IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<string>>? errors = null,
        IEnumerable<Core.Management.ContainerRef>? attached = null)
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
        404 => "Not found",
        409 => "Conflict",
        503 => "Daemon unreachable",
        _ => "Refused",
    };
}
