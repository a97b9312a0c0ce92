using NetDashboard.TestSupport;
using System.Net;
using System.Text.Json;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>The dashboard's public HTTP API as an outsider sees it: a published port on the host's loopback.</summary>
internal sealed class DashboardClient(int port) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

    public int Port => port;

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    /// <summary>A binary answer (an export picture): its status, media type and bytes.</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, byte[] Body)> GetBytesAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    public async Task<JsonElement> TopologyAsync()
    {
        var (status, body) = await GetAsync("/api/topology");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>Polls <c>/healthz</c> until it answers 200 with every host reachable; returns that body.</summary>
    public async Task<JsonElement> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var last = "no answer";
        JsonElement healthy = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                var (status, body) = await GetAsync("/healthz");
                last = $"{(int)status} {body}";
                healthy = body;
                return status == HttpStatusCode.OK && body.GetProperty("hosts").EnumerateArray().Any()
                    && body.GetProperty("hosts").EnumerateArray().All(h => h.GetProperty("reachable").GetBoolean());
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                last = ex.Message;
                return false;
            }
        }, $"/healthz on port {port} healthy", timeout, () => last, TimeSpan.FromMilliseconds(300));
        return healthy;
    }

    /// <summary>Polls <c>/api/topology</c> until <paramref name="problem"/> returns null; fails with its last sentence.</summary>
    public async Task<JsonElement> WaitForTopologyAsync(Func<JsonElement, Task<string?>> problem, TimeSpan timeout)
    {
        JsonElement topology = default;
        string? why = null;
        await Eventually.WaitUntilAsync(async () => (why = await problem(topology = await TopologyAsync())) is null,
            "/api/topology matching", timeout, () => why ?? "", DaemonMatch.CliInterval);
        return topology;
    }

    public Task<JsonElement> WaitForTopologyAsync(Func<JsonElement, string?> problem, TimeSpan timeout) =>
        WaitForTopologyAsync(t => Task.FromResult(problem(t)), timeout);

    public void Dispose() => _http.Dispose();
}
