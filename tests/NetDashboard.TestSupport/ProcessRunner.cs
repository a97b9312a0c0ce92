using System.Diagnostics;
using System.Text;

namespace NetDashboard.TestSupport;

/// <summary>Runs a program to completion and captures its output (no shell involved).</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> (passed verbatim, one argv entry each), reads
    /// stdout and stderr concurrently and returns them once the process has exited. When
    /// <paramref name="timeout"/> elapses the whole process tree is killed and a <see cref="TimeoutException"/>
    /// (holding the output so far) is thrown; cancelling <paramref name="ct"/> kills it too and throws
    /// <see cref="OperationCanceledException"/>. A non-zero exit code is returned, not thrown.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, string[] args, TimeSpan timeout, CancellationToken ct = default, string? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(args);

        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;

        using var process = new Process { StartInfo = psi };
        if (!process.Start()) throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close(); // nothing to say; a program waiting for stdin must not hang us

        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
            // Output pipes close once the tree is gone (a grandchild holding them open could delay this; bound it).
            var drained = Task.WhenAll(stdoutTask, stderrTask);
            await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
            string partialOut = stdoutTask.IsCompletedSuccessfully ? stdoutTask.Result : "";
            string partialErr = stderrTask.IsCompletedSuccessfully ? stderrTask.Result : "";
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{Describe(file, args)} did not finish within {timeout.TotalSeconds:0.#} s and was killed.\n" +
                $"stdout: {partialOut}\nstderr: {partialErr}");
        }

        // Read the pipes to their end, but do not wait forever if a background grandchild inherited them.
        var pipes = Task.WhenAll(stdoutTask, stderrTask);
        if (await Task.WhenAny(pipes, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None)).ConfigureAwait(false) != pipes)
        {
            return (process.ExitCode,
                stdoutTask.IsCompletedSuccessfully ? stdoutTask.Result : "",
                (stderrTask.IsCompletedSuccessfully ? stderrTask.Result : "") +
                "\n[ProcessRunner: output pipes still open 10 s after exit (held by a child process); output truncated]");
        }
        return (process.ExitCode, await stdoutTask.ConfigureAwait(false), await stderrTask.ConfigureAwait(false));
    }

    internal static string Describe(string file, IEnumerable<string> args) =>
        string.Join(' ', new[] { file }.Concat(args).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));
}
