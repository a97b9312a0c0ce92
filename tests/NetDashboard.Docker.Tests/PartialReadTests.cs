using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// On the real dockerd: after its first read the observer re-reads only the containers an event names (a filtered list
/// call and their inspects). Each change — a start, a rename, a connect, a disconnect, a death, a removal — is seen
/// exactly, and what the partial read built is what a full read of the daemon builds at the same moment.
/// </summary>
public class PartialReadTests
{
    [Fact]
    public async Task Each_change_of_one_container_is_seen_exactly_and_equals_a_full_read()
    {
        await using var docker = new DockerCli();
        var network = await docker.CreateNetworkAsync("partial");
        var observer = ObserverHarness.Create("unix:///var/run/docker.sock");
        await using var run = new ObserverRun(observer);
        await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected && o.Networks.Any(n => n.Id == network), "the first read with the test network");

        var mark = run.Now;
        var id = await docker.RunAsync("partial");
        var partial = 0;
        try
        {
            partial += await StepAsync(run, mark, network, id, "the container running on the default bridge",
                c => c is { State: "running" } && Endpoint(c, "bridge") is { EndpointId.Length: > 0 });

            var renamed = docker.Name("renamed");
            mark = run.Now;
            await docker.DockerAsync("rename", id, renamed);
            partial += await StepAsync(run, mark, network, id, "the container under its new name", c => c is not null && ContainerMapper.DisplayName(c) == renamed);

            mark = run.Now;
            await docker.DockerAsync("network", "connect", network, id);
            partial += await StepAsync(run, mark, network, id, "the container connected to the test network",
                c => c?.Endpoints.Any(e => e.NetworkId == network && !string.IsNullOrEmpty(e.EndpointId)) == true);

            mark = run.Now;
            await docker.DockerAsync("network", "disconnect", network, id);
            partial += await StepAsync(run, mark, network, id, "the container disconnected from the test network",
                c => c is { State: "running" } && c.Endpoints.All(e => e.NetworkId != network) && Endpoint(c, "bridge") is not null);

            mark = run.Now;
            await docker.DockerAsync("kill", id);
            partial += await StepAsync(run, mark, network, id, "the container dead", c => c is { State: "exited" });

            mark = run.Now;
            await docker.DockerAsync("rm", id);
            partial += await StepAsync(run, mark, network, id, "the container gone", c => c is null);
        }
        finally
        {
            await DockerCli.RunProcessAsync("docker", ["rm", "-f", id], TimeSpan.FromSeconds(30));
        }
        // Another engineer's network event in the same burst makes a step's read a full one; most are partial.
        Assert.True(partial >= 4, $"only {partial} of 6 changes were served by a partial read");
        Assert.True(observer.Calls["list-containers-by-id"] >= partial);
    }

    /// <summary>Waits for the first observation showing the change, and compares it with a full read made now; 1 when it was a partial read.</summary>
    private static async Task<int> StepAsync(ObserverRun run, TimeSpan since, string network, string id, string what, Func<ObservedContainer?, bool> shows)
    {
        // A running container is published before its inspect answers when the daemon holds it (a start in progress);
        // its details follow in the next read: compare the read that has them.
        var (_, seen) = await run.NextAsync(since, o => o.Containers.FirstOrDefault(c => c.Id == id) is var c && shows(c) && (c is not { State: "running" } || c.Inspect is { Pid: > 0 }), what);
        var full = await ObserverHarness.FirstAsync(ObserverHarness.Create("unix:///var/run/docker.sock", id: "local"), o => o.Host.Connected);
        Assert.True(shows(full.Containers.FirstOrDefault(c => c.Id == id)), $"a full read does not show {what}");
        Assert.Equal(Ours(full, network, id), Ours(seen, network, id));
        return seen.Timing?.Incremental == true ? 1 : 0;
    }

    /// <summary>The built container and the test network as JSON, without the list's time-relative status text ("Up 2 seconds").</summary>
    private static string Ours(DaemonObservation observation, string network, string id)
    {
        var snapshot = TopologyBuilder.Build([observation with { Cause = ObservationCause.Unspecified, Events = [], Timing = null }], 1, DateTimeOffset.UnixEpoch);
        var container = snapshot.Containers.FirstOrDefault(c => c.Id == id) is { } c ? c with { Status = null } : null;
        return TopologyJson.Serialize(new { container, network = snapshot.Networks.FirstOrDefault(n => n.Id == network) });
    }

    private static ObservedEndpoint? Endpoint(ObservedContainer c, string networkName) => c.Endpoints.FirstOrDefault(e => e.NetworkName == networkName);
}
