using NetDashboard.TestSupport;
namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>The daemon's view of a container's HEALTHCHECK.</summary>
internal static class DockerHealth
{
    /// <summary>Waits until the daemon calls the container healthy; fails with the last check's output otherwise.</summary>
    public static async Task WaitHealthyAsync(string container, TimeSpan timeout)
    {
        var status = "";
        var log = "";
        await Eventually.WaitUntilAsync(async () =>
        {
            status = (await Cli.DockerAsync("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container)).Trim();
            if (status != "healthy")
            {
                log = await Cli.DockerAsync("inspect", "-f", "{{if .State.Health}}{{json .State.Health.Log}}{{end}}", container);
            }
            return status == "healthy";
        }, $"container {container} healthy", timeout, () => $"'{status}'; checks: {log}", DaemonMatch.CliInterval);
    }
}
