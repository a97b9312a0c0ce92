using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// Replays answers recorded from a real daemon (Recordings/api-X) on a unix socket, the way dockerd serves them,
/// including the version gate of newer engines ("client version 1.41 is too old"). Used only for unit tests of
/// the mapping and the negotiation; Docker behaviour itself is tested against the real dockerd.
/// </summary>
public sealed class RecordedDaemon : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    public string SocketPath { get; }
    public string Endpoint => "unix://" + SocketPath;
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Routes (e.g. "/info") answered 404 as if the recording had no answer for them.</summary>
    public ConcurrentDictionary<string, bool> Missing { get; } = new(StringComparer.Ordinal);

    /// <summary>Rewrites each recorded JSON answer before it is sent (route, body → body); none by default.</summary>
    public Func<string, string, string>? Rewrite { get; set; }

    private readonly System.Threading.Channels.Channel<string> _events = System.Threading.Channels.Channel.CreateUnbounded<string>();

    /// <summary>Sends one message (a line of JSON) on the event stream of whoever follows it.</summary>
    public void SendEvent(string json) => _events.Writer.TryWrite(json);

    private RecordedDaemon(string recording, string? socketPath)
    {
        _folder = Path.Combine(AppContext.BaseDirectory, "Recordings", recording);
        SocketPath = socketPath ?? Path.Combine(Path.GetTempPath(), $"nd-replay-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(SocketPath));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Serves <paramref name="recording"/> on <paramref name="socketPath"/> (default: a fresh temp path).</summary>
    public static async Task<RecordedDaemon> StartAsync(string recording, string? socketPath = null)
    {
        var daemon = new RecordedDaemon(recording, socketPath);
        await daemon._app.StartAsync();
        return daemon;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path + context.Request.QueryString);
        var version = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "version.json"))).RootElement;
        var route = path;
        if (path.StartsWith("/v", StringComparison.Ordinal) && path.IndexOf('/', 1) is var slash and > 0)
        {
            var asked = Version.Parse(path[2..slash]);
            var minimum = Version.Parse(version.GetProperty("MinAPIVersion").GetString()!);
            if (asked < minimum)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { message = $"client version {path[2..slash]} is too old. Minimum supported API version is {minimum}, please upgrade your client to a newer version" });
                return;
            }
            route = path[slash..];
        }
        if (Missing.ContainsKey(route))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { message = $"page not found: {path}" });
            return;
        }
        context.Response.ContentType = "application/json";
        context.Response.Headers["Api-Version"] = version.GetProperty("ApiVersion").GetString();
        switch (route)
        {
            case "/version":
                await SendAsync(context, route, Path.Combine(_folder, "version.json"));
                return;
            case "/containers/json":
                await SendAsync(context, route, Path.Combine(_folder, "containers.json"));
                return;
            case "/info" when File.Exists(Path.Combine(_folder, "info.json")):
                await context.Response.SendFileAsync(Path.Combine(_folder, "info.json"));
                return;
            case "/networks":
                await SendAsync(context, route, Path.Combine(_folder, "networks.json"));
                return;
            case "/events":
                await context.Response.Body.FlushAsync();
                try
                {
                    await foreach (var message in _events.Reader.ReadAllAsync(context.RequestAborted))
                    {
                        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                return;
        }
        if (route.StartsWith("/containers/", StringComparison.Ordinal) && route.EndsWith("/json", StringComparison.Ordinal)
            && FindById("inspect-*.json", route["/containers/".Length..^"/json".Length]) is { } inspect)
        {
            await SendAsync(context, route, inspect);
            return;
        }
        // GET /networks/{id}: the recording's network-NAME.json (API 1.52 recordings carry Status there).
        if (route.StartsWith("/networks/", StringComparison.Ordinal) && FindById("network-*.json", route["/networks/".Length..]) is { } network)
        {
            await SendAsync(context, route, network);
            return;
        }
        context.Response.StatusCode = 404;
        await context.Response.WriteAsJsonAsync(new { message = $"page not found: {path}" });
    }

    /// <summary>The recorded file whose "Id" starts with <paramref name="id"/>, as the daemon accepts a prefix.</summary>
    private string? FindById(string pattern, string id)
    {
        if (id.Length == 0)
        {
            return null;
        }
        foreach (var file in Directory.EnumerateFiles(_folder, pattern))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.GetProperty("Id").GetString()!.StartsWith(id, StringComparison.Ordinal))
            {
                return file;
            }
        }
        return null;
    }

    private Task SendAsync(HttpContext context, string route, string file) =>
        Rewrite is { } rewrite ? context.Response.WriteAsync(rewrite(route, File.ReadAllText(file))) : context.Response.SendFileAsync(file);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
