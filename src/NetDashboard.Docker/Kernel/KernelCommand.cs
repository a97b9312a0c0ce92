using System.Diagnostics;

namespace NetDashboard.Docker.Kernel;

/// <summary>Runs a kernel tool (iptables-save, conntrack, nsenter …) and answers its output, or why not in a sentence.</summary>
internal static class KernelCommand
{
    public static async Task<(string? Text, string? Error)> RunAsync(string[] command, TimeSpan timeout, CancellationToken ct)
    {
        var shown = string.Join(' ', command);
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command[1..])
        {
            psi.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(psi)!;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"{shown} did not answer within {timeout.TotalSeconds:0} s");
            }
            var err = (await stderr).Trim();
            if (process.ExitCode != 0)
            {
                var line = err.Split('\n').FirstOrDefault(l => !l.StartsWith('#'))?.Trim();
                return (null, $"{shown} failed: {(string.IsNullOrEmpty(line) ? $"exit code {process.ExitCode}" : line)}");
            }
            return (await stdout, null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, $"{command[0]} is not installed where the dashboard runs");
        }
    }
}
