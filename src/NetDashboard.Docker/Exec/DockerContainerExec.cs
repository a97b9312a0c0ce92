using Docker.DotNet;
using Docker.DotNet.Models;
using NetDashboard.Core.Analysis;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Exec;

/// <summary>
/// <c>docker exec</c> through the Engine API: create an exec instance, start it attached, read its output, inspect its
/// exit code. Each run is bounded by <see cref="Timeout"/>; a missing binary or a stopped container becomes an
/// <see cref="ExecResult"/> that says so in a sentence, never an exception.
/// </summary>
public sealed class DockerContainerExec(Func<string, (DockerEndpoint Endpoint, string? ApiVersion)?> hosts) : IContainerExec
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(6);

    public async Task<ExecResult> RunAsync(string hostId, string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        if (hosts(hostId) is not { } host)
        {
            return new ExecResult { Started = false, Error = $"host {hostId} is not a Docker host this dashboard knows" };
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = DockerClientFactory.Create(host.Endpoint, ApiVersionNegotiation.Parse(host.ApiVersion), Timeout);
        try
        {
            var created = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
            {
                Cmd = [.. command],
                AttachStdout = true,
                AttachStderr = true,
            }, timeout.Token);
            using var stream = await client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), timeout.Token);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(timeout.Token);
            var inspect = await client.Exec.InspectContainerExecAsync(created.ID, timeout.Token);
            var output = (stdout + stderr).Trim();
            // The runtime reports a binary missing from the image as exit 126/127 with its own message.
            if (inspect.ExitCode is 126 or 127 && (output.Contains("executable file not found", StringComparison.Ordinal) || output.Contains("no such file", StringComparison.OrdinalIgnoreCase)))
            {
                return new ExecResult { Started = false, ExitCode = inspect.ExitCode ?? -1, Output = output, Error = $"the image has no {command[0]}" };
            }
            return new ExecResult { Started = true, ExitCode = inspect.ExitCode ?? -1, Output = output };
        }
        catch (DockerApiException ex) when (ex.ResponseBody?.Contains("executable file not found", StringComparison.Ordinal) == true)
        {
            return new ExecResult { Started = false, Error = $"the image has no {command[0]}" };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExecResult { Started = false, Error = $"{string.Join(' ', command)} did not finish within {Timeout.TotalSeconds:0} s" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ExecResult { Started = false, Error = DockerErrorDescriber.Describe(ex, host.Endpoint) };
        }
    }
}
