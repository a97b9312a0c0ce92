using Microsoft.AspNetCore.Antiforgery;
using NetDashboard.Access;
using NetDashboard.Configuration;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Management;
using NetDashboard.Monitoring;

namespace NetDashboard.Api;

/// <summary>
/// The management API (shared/contracts/management-api.md): create and remove networks, connect and disconnect
/// containers, for operators, when <c>NetDashboard:Features:Write</c> is on; <c>GET /api/networks/{network}</c> and
/// <c>GET /api/audit</c>. Each write is checked against the host's topology first (every problem at once), then done by
/// the daemon, one at a time; every attempt that passed authentication is audited.
/// </summary>
public static class ManagementApi
{
    /// <summary>Reads, for the view policy's group.</summary>
    public static IEndpointRouteBuilder MapManagementReads(this IEndpointRouteBuilder reads)
    {
        reads.MapGet("/api/networks/{network}", (string network, string? host, TopologyStore store) =>
        {
            var lookup = TopologyResolver.Network(store.Current, network, host);
            return lookup.IsAmbiguous ? LookupProblems.Ambiguous(lookup)
                : lookup.Single is { } found ? Results.Json(found, TopologyJson.Options)
                : WriteOutcome.Problem(404, $"There is no network '{network}'{(host is null ? "" : $" on host {host}")}.");
        }).WithName("GetNetwork");
        return reads;
    }

    /// <summary>The write routes and the audit log: real when writes are on; otherwise each answers 404 saying how to turn them on.</summary>
    public static IEndpointRouteBuilder MapManagementWrites(this IEndpointRouteBuilder app, bool writesOn)
    {
        if (!writesOn)
        {
            var off = WriteOutcome.Problem(404, "Writes are off on this dashboard: an administrator turns them on with NetDashboard:Features:Write=true (and signs in as an operator).");
            app.MapPost("/api/networks", () => off);
            app.MapDelete("/api/networks/{network}", () => off);
            app.MapPost("/api/networks/{network}/connect", () => off);
            app.MapPost("/api/networks/{network}/disconnect", () => off);
            app.MapGet("/api/audit", () => off);
            return app;
        }
        var writes = app.MapGroup("/api").RequireAuthorization(AccessRoles.OperatePolicy).AddEndpointFilter(CookieAntiforgeryAsync);
        writes.MapPost("/networks", CreateAsync);
        writes.MapDelete("/networks/{network}", RemoveAsync);
        writes.MapPost("/networks/{network}/connect", ConnectAsync);
        writes.MapPost("/networks/{network}/disconnect", DisconnectAsync);
        writes.MapGet("/audit", (int? limit, AuditLog audit) =>
            limit is < 1 or > 10_000
                ? WriteOutcome.Problem(400, "limit must be between 1 and 10000.")
                : Results.Json(audit.Recent(limit ?? 200).Select(e => new
                {
                    time = e.Time, user = e.User, role = e.Role, action = e.Action, host = e.Host, target = e.Target,
                    parameters = e.Parameters, outcome = e.Outcome, status = e.Status, detail = e.Detail,
                }), TopologyJson.Options));
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string? host, NetworkWrites writes)
    {
        var (request, refused) = await BodyAsync<NetworkCreateRequest>(context, writes, NetworkWrites.Create, host, null);
        return refused ?? WriteOutcome.ToResult(await writes.CreateAsync(context.User, host, request!, context.RequestAborted));
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string network, string? host, NetworkWrites writes) =>
        WriteOutcome.ToResult(await writes.RemoveAsync(context.User, host, network, context.RequestAborted));

    private static async Task<IResult> ConnectAsync(HttpContext context, string network, string? host, NetworkWrites writes)
    {
        var (request, refused) = await BodyAsync<NetworkConnectRequest>(context, writes, NetworkWrites.Connect, host, network);
        return refused ?? WriteOutcome.ToResult(await writes.ConnectAsync(context.User, host, network, request!, context.RequestAborted));
    }

    private static async Task<IResult> DisconnectAsync(HttpContext context, string network, string? host, NetworkWrites writes)
    {
        var (request, refused) = await BodyAsync<NetworkDisconnectRequest>(context, writes, NetworkWrites.Disconnect, host, network);
        return refused ?? WriteOutcome.ToResult(await writes.DisconnectAsync(context.User, host, network, request!, context.RequestAborted));
    }

    /// <summary>The body read as <typeparamref name="T"/>; one that cannot be is refused (400) and audited.</summary>
    private static async Task<(T? Request, IResult? Refused)> BodyAsync<T>(HttpContext context, NetworkWrites writes, string action, string? host, string? target) where T : class
    {
        var (request, problem) = await WriteBody.ReadAsync<T>(context.Request);
        return problem is null
            ? (request, null)
            : (null, WriteOutcome.ToResult(writes.Refuse(context.User, action, host, target, null, 400, problem)));
    }

    /// <summary>The audit's name for the write a request asks for.</summary>
    private static string ActionOf(HttpRequest request) => request.Path.Value switch
    {
        { } p when p.EndsWith("/connect", StringComparison.OrdinalIgnoreCase) => NetworkWrites.Connect,
        { } p when p.EndsWith("/disconnect", StringComparison.OrdinalIgnoreCase) => NetworkWrites.Disconnect,
        _ when HttpMethods.IsDelete(request.Method) => NetworkWrites.Remove,
        { } p when p.EndsWith("/audit", StringComparison.OrdinalIgnoreCase) => "audit-read",
        _ => NetworkWrites.Create,
    };

    /// <summary>A cookie-authenticated write needs the antiforgery token (header RequestVerificationToken); a bearer token does not.</summary>
    private static async ValueTask<object?> CookieAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType == AccessServiceCollectionExtensions.CookieScheme
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            const string detail = "This request came with a sign-in cookie but without a valid antiforgery token (header RequestVerificationToken): nothing was changed.";
            var target = http.Request.RouteValues.TryGetValue("network", out var network) ? network?.ToString() : null;
            return WriteOutcome.ToResult(http.RequestServices.GetRequiredService<NetworkWrites>()
                .Refuse(http.User, ActionOf(http.Request), http.Request.Query["host"].FirstOrDefault(), target, null, 400, detail));
        }
        return await next(context);
    }
}
