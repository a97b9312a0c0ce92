using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real app on real loopback sockets, watching the real dockerd (or the hosts a test configures), with a
/// 300 s resync so anything a test sees live came from Docker's event stream. It listens on 127.0.0.1 of the
/// host's namespace (<see cref="ApiAddress"/>, for the test's own HTTP calls) and, when a
/// <see cref="LoopbackNamespace"/> is given, on 127.0.0.1 inside it (<see cref="BrowserAddress"/>, for Chromium).
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Uri? _namespaced;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nd-data-" + Guid.NewGuid().ToString("N"));

    private DashboardApp(IReadOnlyDictionary<string, string?> settings, LoopbackNamespace? browserNamespace)
    {
        _settings = settings;
        (ulong Handle, int Port)? inside = browserNamespace?.Listen();
        _namespaced = inside is { } i ? new Uri($"http://127.0.0.1:{i.Port}/") : null;
        UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            if (inside is { } socket)
            {
                options.ListenHandle(socket.Handle);
            }
        });
    }

    /// <summary>Starts the app and waits until every configured host has been tried once (connected or not).</summary>
    public static async Task<DashboardApp> StartAsync(LoopbackNamespace? browserNamespace, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new DashboardApp(settings ?? new Dictionary<string, string?>(), browserNamespace);
        try
        {
            app.StartServer();
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            app.ApiAddress = new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).TrimEnd('/') + "/");
            app.BrowserAddress = app._namespaced ?? app.ApiAddress;
            app.Api = new HttpClient { BaseAddress = app.ApiAddress, Timeout = TimeSpan.FromSeconds(20) };
            await app.WaitForAsync(t => t.Hosts.Length > 0 && t.Hosts.All(h => h.Status is HostStatus.Connected or HostStatus.Disconnected),
                TimeSpan.FromSeconds(30), "every host tried once");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app as the test process reaches it (host namespace).</summary>
    public Uri ApiAddress { get; private set; } = null!;

    /// <summary>The app as the browser reaches it (inside the browser's namespace when there is one).</summary>
    public Uri BrowserAddress { get; private set; } = null!;

    /// <summary>An HTTP client for the public API, on <see cref="ApiAddress"/>.</summary>
    public HttpClient Api { get; private set; } = null!;

    public TopologyStore Store => Services.GetRequiredService<TopologyStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not read the static web assets manifest by itself, and the pages need
        // _framework/blazor.web.js, MudBlazor's files and wwwroot-assets from it.
        builder.UseStaticWebAssets();
        builder.UseSetting("NetDashboard:ResyncSeconds", "300");
        builder.UseSetting("NetDashboard:DataDirectory", _dataDirectory); // the history database: a temp folder
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Waits until the store holds a topology that satisfies <paramref name="condition"/>.</summary>
    public Task<TopologySnapshot> WaitForAsync(Func<TopologySnapshot, bool> condition, TimeSpan? timeout = null, string? what = null) =>
        Store.WaitForAsync(condition, timeout ?? TimeSpan.FromSeconds(20), what);

    public override async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        await base.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
