using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;
using NetDashboard.TestSupport;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// <c>ssh://</c> endpoints, for real: Debian's sshd on a loopback port, the machine's own dockerd reached through it the
/// way the docker CLI does (<c>ssh … docker system dial-stdio</c>). The daemon answers, its events arrive, its kernel is
/// treated as remote; a refused login is one sentence with ssh's own words.
/// </summary>
public sealed class SshEndpointTests
{
    private static DockerHostObserver Observer(SshServer ssh, string config) =>
        new("viassh", "viassh", DockerEndpoint.Resolve(ssh.Endpoint, false, null) with { SshConfig = config },
            new DockerObserverOptions { MinRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(500) }, NullLogger.Instance);

    [Fact]
    public async Task A_daemon_reached_over_ssh_answers_and_its_events_arrive_and_its_kernel_is_remote()
    {
        await using var ssh = await SshServer.StartAsync();
        await using var docker = new DockerCli();
        var before = await docker.RunAsync("before", "--network", "bridge");
        var observer = Observer(ssh, ssh.ClientConfig);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<DaemonObservation>();
        var started = new TaskCompletionSource();
        var found = new TaskCompletionSource<DaemonObservation>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? after = null;
        var run = observer.RunAsync((o, _) =>
        {
            lock (seen)
            {
                seen.Add(o);
            }
            if (o.Host.Connected && o.Containers.Any(c => c.Id == before))
            {
                started.TrySetResult();
            }
            if (after is not null && o.Containers.Any(c => c.Id == after && c.State == "running"))
            {
                found.TrySetResult(o);
            }
            return ValueTask.CompletedTask;
        }, stop.Token);
        await started.Task.WaitAsync(stop.Token);

        // Started after the first read: only the event stream, relayed through ssh, can tell.
        after = await docker.RunAsync("after", "--network", "bridge");
        var observation = await found.Task.WaitAsync(stop.Token);
        stop.Cancel();
        await run;

        var (code, version, _) = await ProcessRunner.RunAsync("docker", ["version", "--format", "{{.Server.Version}}"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, code);
        Assert.Equal((true, version.Trim(), null), (observation.Host.Connected, observation.Host.EngineVersion, observation.Host.Error));
        Assert.Equal(ssh.Endpoint, observation.Host.Endpoint);
        Assert.Contains(observation.Containers, c => c.Id == before);
        Assert.Contains(ObservationCause.Event, seen.Select(o => o.Cause));
        // The daemon is remote: the dashboard's own interfaces say nothing about it.
        Assert.All(seen, o => Assert.Null(o.HostInterfaces));
    }

    [Fact]
    public async Task A_key_the_server_refuses_is_one_sentence_with_ssh_s_own_words()
    {
        await using var ssh = await SshServer.StartAsync();
        var observation = await ObserverHarness.FirstAsync(Observer(ssh, ssh.StrangerConfig), o => !o.Host.Connected && o.Host.Error is not null, TimeSpan.FromSeconds(30));
        Assert.Equal($"Cannot reach the Docker daemon at {ssh.Endpoint} through ssh: root@127.0.0.1: Permission denied (publickey).", observation.Host.Error);
    }

    [Fact]
    public void The_ssh_command_is_the_docker_cli_s_with_batch_mode_and_the_given_configuration()
    {
        var endpoint = DockerEndpoint.Resolve("ssh://deploy@docker-2.example:2222", false, null) with { SshConfig = "/etc/netdashboard/ssh_config" };
        Assert.True(endpoint.IsSsh);
        Assert.False(endpoint.IsLocalSocket);
        Assert.Equal(
            ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=10", "-F", "/etc/netdashboard/ssh_config",
             "-l", "deploy", "-p", "2222", "--", "docker-2.example", "docker", "system", "dial-stdio"],
            SshRelay.Command(endpoint));
        Assert.Equal(["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=10", "--", "node3", "docker", "system", "dial-stdio"],
            SshRelay.Command(DockerEndpoint.Resolve("ssh://node3", false, null)));
    }
}
