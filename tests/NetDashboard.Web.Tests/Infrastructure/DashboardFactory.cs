using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.Infrastructure;

/// <summary>The real app in-process, watching the real dockerd (or the hosts a test configures).</summary>
public sealed class DashboardFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A long resync: what a test sees live came from the event stream, not from the safety net.
        builder.UseSetting("NetDashboard:ResyncSeconds", "300");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public TopologyStore Store => Services.GetRequiredService<TopologyStore>();

    /// <summary>Waits until the store holds a topology that satisfies <paramref name="condition"/>.</summary>
    public async Task<TopologySnapshot> WaitForAsync(Func<TopologySnapshot, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var store = Store;
        var done = new TaskCompletionSource<TopologySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = store.Subscribe(change =>
        {
            if (condition(change.Snapshot))
            {
                done.TrySetResult(change.Snapshot);
            }
        }, out var current);
        if (condition(current))
        {
            return current;
        }
        var winner = await Task.WhenAny(done.Task, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        if (winner != done.Task)
        {
            throw new TimeoutException($"The topology never showed {what ?? "the expected state"}; last revision {store.Current.Revision}.");
        }
        return await done.Task;
    }
}
