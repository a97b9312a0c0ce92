namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>The daemon's view of a container's HEALTHCHECK.</summary>
internal static class DockerHealth
{
    /// <summary>Waits until the daemon calls the container healthy; fails with the last check's output otherwise.</summary>
    public static async Task WaitHealthyAsync(string container, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var status = "";
        while ((status = (await Cli.DockerAsync("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container)).Trim()) != "healthy")
        {
            if (cts.IsCancellationRequested)
            {
                var log = await Cli.DockerAsync("inspect", "-f", "{{if .State.Health}}{{json .State.Health.Log}}{{end}}", container);
                Assert.Fail($"container {container} is '{status}' after {timeout.TotalSeconds} s; checks: {log}");
            }
            await Task.Delay(500);
        }
    }
}
