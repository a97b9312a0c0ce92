using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NetDashboard.TestSupport;

namespace NetDashboard.Web.Tests.Faults;

/// <summary>
/// Permission denied on the daemon's socket, for real: the app runs as its own process without the capabilities that let
/// root ignore file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), watching the real dockerd through a
/// <see cref="SocketRelay"/> whose socket nobody may open. The host says "permission denied" in a sentence within 2 s of
/// the app answering, and once the socket is opened to it the host is connected within 5 s, without a restart.
/// </summary>
public class PermissionDeniedTests
{
    [Fact]
    public async Task A_socket_the_dashboard_may_not_open_is_reported_and_recovered_once_it_may()
    {
        await using var relay = SocketRelay.Start();
        relay.SetMode(UnixFileMode.None);
        var data = Directory.CreateTempSubdirectory("nd-perm-");
        var port = FreeLoopbackPort();
        var app = Path.Combine(AppContext.BaseDirectory, "NetDashboard.dll");
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search",
                     "dotnet", app, "--urls", $"http://127.0.0.1:{port}",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NetDashboard__Hosts__0__Id"] = "guarded";
        info.Environment["NetDashboard__Hosts__0__Endpoint"] = relay.Endpoint;
        info.Environment["NetDashboard__DataDirectory"] = data.FullName;
        info.Environment["NetDashboard__History__Enabled"] = "false";
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Eventually.WaitUntilAsync(async () => await TryGetAsync(client, "/healthz") is not null, "the app answering", TimeSpan.FromSeconds(60));
            var answering = Stopwatch.StartNew();
            string? denied = null;
            await Eventually.WaitUntilAsync(async () => (denied = HostError(await TryGetAsync(client, "/api/topology"))) is { } e && e.Contains("permission denied", StringComparison.Ordinal),
                "the host reported as permission denied", TimeSpan.FromSeconds(10), () => denied ?? "no answer");
            Assert.True(answering.Elapsed < TimeSpan.FromSeconds(2), $"reported {answering.Elapsed} after the app answered");
            Assert.StartsWith($"Cannot connect to the Docker daemon at {relay.Endpoint}: permission denied.", denied);
            Assert.DoesNotContain("Exception", denied);

            relay.SetMode(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var allowed = Stopwatch.StartNew();
            await Eventually.WaitUntilAsync(async () => await TryGetAsync(client, "/api/topology") is { } json && Connected(json),
                "the host connected once the socket may be opened", TimeSpan.FromSeconds(10));
            Assert.True(allowed.Elapsed < TimeSpan.FromSeconds(5), $"connected {allowed.Elapsed} after the socket was opened to it");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static async Task<string?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static string? HostError(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("hosts")[0].TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static bool Connected(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("hosts")[0].GetProperty("status").GetString() == "connected";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
