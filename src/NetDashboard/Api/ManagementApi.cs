using System.Security.Claims;
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
    private static readonly SemaphoreSlim OneWriteAtATime = new(1, 1);
    private static readonly TimeSpan SeenWithin = TimeSpan.FromSeconds(10);

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

    private static async Task<IResult> CreateAsync(HttpContext context, string? host, TopologyStore store, INetworkManager manager, WriteOutcome outcome)
    {
        const string action = "network-create";
        var (hostId, request, refused) = await BeginAsync<NetworkCreateRequest>(context, action, host, null, store, outcome);
        if (refused is not null)
        {
            return refused;
        }
        return await WriteAsync(context.User, outcome, action, hostId!, request!.Name, request, async () =>
        {
            if (NetworkCreateValidator.Validate(request, store.Current, hostId!) is { } refusal)
            {
                return refusal;
            }
            var id = await manager.CreateAsync(hostId!, request, context.RequestAborted);
            var seen = await SeenAsync(store, t => t.Networks.FirstOrDefault(n => n.Id == id && n.HostId == hostId));
            return Results.Created($"/api/networks/{id}", seen is null ? new { id, name = request.Name, hostId } : seen);
        });
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string network, string? host, TopologyStore store, INetworkManager manager, WriteOutcome outcome)
    {
        var (hostId, hostProblem) = Host(store.Current, host);
        if (hostProblem is not null)
        {
            return outcome.Audit(context.User, "network-remove", host, network, null, 400, hostProblem, WriteOutcome.Problem(400, hostProblem));
        }
        return await WriteAsync(context.User, outcome, "network-remove", hostId!, network, null, async () =>
        {
            var (target, refusal) = NetworkChangeValidator.Remove(store.Current, hostId!, network);
            if (refusal is not null)
            {
                return refusal;
            }
            await manager.RemoveAsync(hostId!, target!.Network.Id, context.RequestAborted);
            await SeenAsync(store, t => t.Networks.Any(n => n.Id == target.Network.Id) ? null : target);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> ConnectAsync(HttpContext context, string network, string? host, TopologyStore store, INetworkManager manager, WriteOutcome outcome)
    {
        const string action = "network-connect";
        var (hostId, request, refused) = await BeginAsync<NetworkConnectRequest>(context, action, host, network, store, outcome);
        if (refused is not null)
        {
            return refused;
        }
        return await WriteAsync(context.User, outcome, action, hostId!, network, request, async () =>
        {
            var (target, refusal) = NetworkChangeValidator.Connect(store.Current, hostId!, network, request!);
            if (refusal is not null)
            {
                return refusal;
            }
            await manager.ConnectAsync(hostId!, target!.Network.Id, target.Container!.Id, request!, context.RequestAborted);
            await SeenAsync(store, t => Connected(t, target) ? target : null);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> DisconnectAsync(HttpContext context, string network, string? host, TopologyStore store, INetworkManager manager, WriteOutcome outcome)
    {
        const string action = "network-disconnect";
        var (hostId, request, refused) = await BeginAsync<NetworkDisconnectRequest>(context, action, host, network, store, outcome);
        if (refused is not null)
        {
            return refused;
        }
        return await WriteAsync(context.User, outcome, action, hostId!, network, request, async () =>
        {
            var (target, refusal) = NetworkChangeValidator.Disconnect(store.Current, hostId!, network, request!);
            if (refusal is not null)
            {
                return refusal;
            }
            await manager.DisconnectAsync(hostId!, target!.Network.Id, target.Container!.Id, request!.Force, context.RequestAborted);
            await SeenAsync(store, t => Connected(t, target) ? null : target);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// What every write with a body checks first: the host, and the body read as <typeparamref name="T"/>; a problem with
    /// either is refused (400) and audited.
    /// </summary>
    private static async Task<(string? HostId, T? Request, IResult? Refused)> BeginAsync<T>(
        HttpContext context, string action, string? host, string? target, TopologyStore store, WriteOutcome outcome) where T : class
    {
        var (hostId, hostProblem) = Host(store.Current, host);
        var (request, bodyProblem) = await WriteBody.ReadAsync<T>(context.Request);
        return (hostProblem ?? bodyProblem) is { } problem
            ? (null, null, outcome.Audit(context.User, action, host, target, null, 400, problem, WriteOutcome.Problem(400, problem)))
            : (hostId, request, null);
    }

    /// <summary>Runs one write (alone), turning a refusal or the daemon's answer into the response, and audits it.</summary>
    private static async Task<IResult> WriteAsync(ClaimsPrincipal user, WriteOutcome outcome, string action, string hostId, string? target, object? parameters, Func<Task<object>> write)
    {
        await OneWriteAtATime.WaitAsync();
        try
        {
            var result = await write();
            return result switch
            {
                ManagementRefusal r => outcome.Audit(user, action, hostId, target, parameters, r.Status, r.Detail, WriteOutcome.Problem(r.Status, r.Detail, r.Errors, r.Attached)),
                IResult ok => outcome.Audit(user, action, hostId, target, parameters, ok is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200, null, ok),
                _ => throw new InvalidOperationException("A write returned neither a refusal nor a result."),
            };
        }
        catch (DaemonWriteException ex)
        {
            return outcome.Audit(user, action, hostId, target, parameters, ex.Status, ex.Message, WriteOutcome.Problem(ex.Status, ex.Message));
        }
        finally
        {
            OneWriteAtATime.Release();
        }
    }

    /// <summary>The host a write is for: the one named, or the only one watched.</summary>
    private static (string? HostId, string? Problem) Host(TopologySnapshot snapshot, string? host)
    {
        if (host is not null)
        {
            return snapshot.Hosts.Any(h => h.Id == host) ? (host, null) : (null, $"There is no host '{host}' here: the hosts are {string.Join(", ", snapshot.Hosts.Select(h => h.Id))}.");
        }
        return snapshot.Hosts.Length == 1 ? (snapshot.Hosts[0].Id, null) : (null, $"This dashboard watches {snapshot.Hosts.Length} hosts: name one with ?host= ({string.Join(", ", snapshot.Hosts.Select(h => h.Id))}).");
    }

    private static bool Connected(TopologySnapshot t, NetworkTarget target) =>
        t.Containers.FirstOrDefault(c => c.Id == target.Container!.Id)?.Endpoints.Any(e => e.NetworkId == target.Network.Id) == true;

    /// <summary>Waits until the topology shows what the daemon did (its events follow at once), so the answer and the map agree.</summary>
    private static async Task<T?> SeenAsync<T>(TopologyStore store, Func<TopologySnapshot, T?> find) where T : class
    {
        try
        {
            var snapshot = await store.WaitForAsync(t => find(t) is not null, SeenWithin, "the write seen in the topology");
            return find(snapshot);
        }
        catch (TimeoutException)
        {
            return null; // done by the daemon; the topology will show it with the next read
        }
    }

    /// <summary>The audit's name for the write a request asks for.</summary>
    private static string ActionOf(HttpRequest request) => request.Path.Value switch
    {
        { } p when p.EndsWith("/connect", StringComparison.OrdinalIgnoreCase) => "network-connect",
        { } p when p.EndsWith("/disconnect", StringComparison.OrdinalIgnoreCase) => "network-disconnect",
        _ when HttpMethods.IsDelete(request.Method) => "network-remove",
        { } p when p.EndsWith("/audit", StringComparison.OrdinalIgnoreCase) => "audit-read",
        _ => "network-create",
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
            return http.RequestServices.GetRequiredService<WriteOutcome>()
                .Audit(http.User, ActionOf(http.Request), http.Request.Query["host"].FirstOrDefault(), target, null, 400, detail, WriteOutcome.Problem(400, detail));
        }
        return await next(context);
    }
}
