using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Engines;

/// <summary>
/// One engine the suite runs for real beside the machine's 20.10, each in its own network namespace: Debian 13's Docker
/// 26.1, Debian sid's Docker 28.5, Debian 12's Podman 4.3 and Debian sid's Podman 5 (their Docker-compatible service).
/// </summary>
public sealed class EngineUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private EngineUnderTest(string kind, string endpoint, IAsyncDisposable owner)
    {
        Kind = kind;
        Endpoint = endpoint;
        _owner = owner;
    }

    /// <summary>"trixie", "sid", "podman" (4.3) or "podman5".</summary>
    public string Kind { get; }

    public string Endpoint { get; }

    public bool IsPodman => Kind is "podman" or "podman5";

    /// <summary>Starts <paramref name="kind"/> as daemon <paramref name="name"/> with default-bridge subnet number <paramref name="third"/> (10.231.third.0/24).</summary>
    public static async Task<EngineUnderTest> StartAsync(string kind, string name, int third)
    {
        if (kind is "podman" or "podman5")
        {
            var podman = await PodmanService.StartAsync(name, $"10.231.{third}.0/24", kind == "podman5" ? await PodmanService.FetchPodman5Async() : null);
            return new EngineUnderTest(kind, podman.Endpoint, podman);
        }
        var daemon = await NewerEngine.StartAsync(kind, name, $"10.231.{third}.1/24");
        return new EngineUnderTest(kind, daemon.Endpoint, daemon);
    }

    /// <summary>The real app watching this engine only, as host <paramref name="hostId"/>, already serving.</summary>
    public DashboardFactory Dashboard(string hostId)
    {
        var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = hostId,
            ["NetDashboard:Hosts:0:Endpoint"] = Endpoint,
        });
        _ = app.Server; // up before anything is created: what follows arrives live
        return app;
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
