using System.Collections.Concurrent;
using System.Diagnostics;
using NetDashboard.Core.Model;
using NetDashboard.Docker.Observing;
using NetDashboard.Monitoring;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests;

/// <summary>Changes on the real dockerd reach the store from the event stream (the periodic resync is set to 5 minutes).</summary>
[Collection(RealDockerCollection.Name)]
public class LiveUpdateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_started_container_appears_and_a_removed_one_disappears_without_a_resync()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        var before = await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        var observer = Assert.IsType<DockerHostObserver>(Assert.Single(app.Services.GetRequiredService<TopologyMonitor>().Observers));
        long Lists() => observer.Calls["list-containers"] + observer.Calls["list-containers-by-id"]; // a full read, or one of the containers an event names
        var listsBefore = Lists();

        var clock = Stopwatch.StartNew();
        var id = await docker.RunAsync("late");
        var created = clock.Elapsed;
        var seen = await app.WaitForAsync(t => t.FindContainer(id)?.State == "running" && t.FindContainer(id)!.Endpoints.Any(e => e.Ipv4 is not null),
            TimeSpan.FromSeconds(10), "the late container running with an address");
        output.WriteLine($"docker run returned after {created.TotalMilliseconds:F0} ms; the store had the container running after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(seen.Revision > before.Revision);
        Assert.True(Lists() > listsBefore, "the change came from a re-read after the event");

        await docker.DockerAsync("rm", "-f", id);
        await app.WaitForAsync(t => t.FindContainer(id) is null, TimeSpan.FromSeconds(10), "the removed container gone");
    }

    [Fact]
    public async Task Network_connect_and_disconnect_show_up_as_endpoints()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("extra");
        var id = await docker.RunAsync("joiner");
        await app.WaitForAsync(t => t.FindContainer(id)?.Endpoints.Length == 1, TimeSpan.FromSeconds(10), "the joiner on one network");

        await docker.DockerAsync("network", "connect", "--alias", "joined-alias", docker.Name("extra"), id);
        var joined = await app.WaitForAsync(t => t.FindContainer(id)?.Endpoints.Length == 2, TimeSpan.FromSeconds(10), "the joiner on two networks");
        var extra = joined.FindContainer(id)!.Endpoints.Single(e => e.NetworkName == docker.Name("extra"));
        Assert.Contains("joined-alias", extra.Aliases); // the cached inspect was refreshed by the connect event
        Assert.NotNull(extra.HostInterface);

        await docker.DockerAsync("network", "disconnect", docker.Name("extra"), id);
        await app.WaitForAsync(t => t.FindContainer(id)?.Endpoints.Length == 1, TimeSpan.FromSeconds(10), "the joiner back on one network");
    }

    [Fact]
    public async Task Revision_stays_put_while_nothing_changes_and_a_resync_request_changes_nothing()
    {
        await using var app = new DashboardFactory();
        var first = await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        var changes = new ConcurrentQueue<TopologyChange>();
        using var recording = app.Store.Subscribe(changes.Enqueue);
        var monitor = app.Services.GetRequiredService<TopologyMonitor>();
        var observer = Assert.IsType<DockerHostObserver>(Assert.Single(monitor.Observers));

        // Each read of the daemon first takes every queued request, then counts "list-networks", and is published
        // before the next read starts. With the count taken after the request: read reads+1 began after that, so
        // read reads+2 took the queue after the request was in it (it, or a read before it, answered the request),
        // and its result was in the store before read reads+3 began. Asking again on every poll keeps reads coming.
        monitor.RequestResync();
        var reads = observer.Calls["list-networks"];
        await Eventually.WaitUntilAsync(
            () =>
            {
                monitor.RequestResync();
                return observer.Calls["list-networks"] >= reads + 3;
            },
            "the observer re-reading the daemon three times after a resync request",
            describe: () => $"{observer.Calls["list-networks"] - reads} re-reads");

        // Nothing happened on the daemon since the host connected: not one of those reads made a new revision.
        Assert.True(changes.IsEmpty && app.Store.Current.Revision == first.Revision,
            $"revision {first.Revision} when the host connected, {app.Store.Current.Revision} after the resyncs; changes: "
            + string.Join("; ", changes.Select(Describe)));
    }

    private static string Describe(TopologyChange change) =>
        $"r{change.Snapshot.Revision} ({string.Join(",", change.Origins.Select(o => o.Cause))}): "
        + $"containers {string.Join(",", change.Delta.Upserted.Containers.Select(c => c.Name))} upserted, "
        + $"{string.Join(",", change.Delta.Removed.Containers)} removed; networks {string.Join(",", change.Delta.Upserted.Networks.Select(n => n.Name))} upserted, "
        + $"{change.Delta.Upserted.Hosts.Length} hosts upserted";
}
