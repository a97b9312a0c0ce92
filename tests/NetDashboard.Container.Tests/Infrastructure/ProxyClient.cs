using System.Net;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>From the host, straight to a compose project's socket proxy on its default network (it publishes no port).</summary>
internal sealed class ProxyClient : IDisposable
{
    private readonly HttpClient _http;

    private ProxyClient(string address) =>
        _http = new HttpClient { BaseAddress = new Uri($"http://{address}:2375"), Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<ProxyClient> OpenAsync(string proxyContainer, string project) =>
        new((await Cli.DockerAsync("inspect", "-f", $"{{{{(index .NetworkSettings.Networks \"{project}_default\").IPAddress}}}}", proxyContainer)).Trim());

    /// <summary>The status the proxy (403) or, past it, the daemon answers.</summary>
    public async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(method, path));
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
