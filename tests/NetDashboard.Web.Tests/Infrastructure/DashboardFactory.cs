using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.Infrastructure;

/// <summary>
/// The real app in-process, watching the real dockerd (or the hosts a test configures). Its data folder (the history
/// database) is a fresh temp folder, removed on dispose, unless the test's settings name one.
/// </summary>
public sealed class DashboardFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "nd-data-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs after the app's own registrations: a test replaces a service here (e.g. a clock for one reader).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A long resync: what a test sees live came from the event stream, not from the safety net.
        builder.UseSetting("NetDashboard:ResyncSeconds", "300");
        builder.UseSetting("NetDashboard:DataDirectory", _dataDirectory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public TopologyStore Store => Services.GetRequiredService<TopologyStore>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>Waits until the store holds a topology that satisfies <paramref name="condition"/>.</summary>
    public Task<TopologySnapshot> WaitForAsync(Func<TopologySnapshot, bool> condition, TimeSpan? timeout = null, string? what = null) =>
        Store.WaitForAsync(condition, timeout ?? TimeSpan.FromSeconds(20), what);
}
