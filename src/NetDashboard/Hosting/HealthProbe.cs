using System.Text.RegularExpressions;

namespace NetDashboard.Hosting;

/// <summary>
/// <c>dotnet NetDashboard.dll --healthcheck [url]</c>: asks the running dashboard's <c>/healthz</c> and exits 0 on 200,
/// 1 otherwise. The container's HEALTHCHECK runs it because the ASP.NET base image has no curl or wget. Without a
/// url it probes loopback on the port the app listens on (<c>ASPNETCORE_URLS</c>, else <c>ASPNETCORE_HTTP_PORTS</c>,
/// else 8080).
/// </summary>
public static partial class HealthProbe
{
    public const string Argument = "--healthcheck";

    public static async Task<int> RunAsync(string[] args, Func<string, string?>? environment = null)
    {
        var url = args.SkipWhile(a => a != Argument).Skip(1).FirstOrDefault() ?? DefaultUrl(environment ?? Environment.GetEnvironmentVariable);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The loopback <c>/healthz</c> URL for the first http binding the environment configures.</summary>
    public static string DefaultUrl(Func<string, string?> environment)
    {
        var port = "8080";
        var urls = environment("ASPNETCORE_URLS");
        var ports = environment("ASPNETCORE_HTTP_PORTS");
        if (!string.IsNullOrWhiteSpace(urls) && HttpPort().Match(urls) is { Success: true } m)
        {
            port = m.Groups[1].Value;
        }
        else if (!string.IsNullOrWhiteSpace(ports))
        {
            port = ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        }
        return $"http://127.0.0.1:{port}/healthz";
    }

    // The port of the first http:// URL, whatever its host (+, *, [::], an address).
    [GeneratedRegex(@"http://(?:\[[^\]]*\]|[^/:;]*):(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex HttpPort();
}
