using System.Diagnostics;
using NetDashboard.Core.Analysis;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Reads the kernel's nat table with <c>iptables-save -t nat</c> (the nf_tables backend first, then the legacy one when
/// only that has Docker's chains), for comparing with the derived NAT path. Answers a sentence instead when the tool is
/// missing or not permitted (e.g. inside a container without NET_ADMIN). Results are cached for <see cref="CacheFor"/>,
/// timed by the injected clock.
/// </summary>
public sealed class IptablesNatReader(TimeProvider time) : INatRuleSource
{
    private readonly Lock _gate = new();
    private (DateTimeOffset At, NatTableRead Read)? _cached;

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<NatTableRead> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cached is { } c && time.GetUtcNow() - c.At < CacheFor)
            {
                return c.Read;
            }
        }
        var read = await ReadUncachedAsync(cancellationToken);
        lock (_gate)
        {
            _cached = (time.GetUtcNow(), read);
        }
        return read;
    }

    private async Task<NatTableRead> ReadUncachedAsync(CancellationToken ct)
    {
        string? firstError = null;
        foreach (var tool in new[] { "iptables-save", "iptables-legacy-save" })
        {
            var (text, error) = await RunAsync(tool, ct);
            if (text is not null)
            {
                var parsed = IptablesNat.Parse(text);
                if (parsed.HasDockerChain)
                {
                    return new NatTableRead(parsed, null, tool);
                }
                firstError ??= $"{tool} -t nat shows no DOCKER chain";
            }
            else
            {
                firstError ??= error;
            }
        }
        return new NatTableRead(null, firstError ?? "iptables-save is not available", null);
    }

    private async Task<(string? Text, string? Error)> RunAsync(string tool, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-t");
        psi.ArgumentList.Add("nat");
        try
        {
            using var process = Process.Start(psi)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"{tool} did not answer within {Timeout.TotalSeconds:0} s");
            }
            var err = (await stderr).Trim();
            if (process.ExitCode != 0)
            {
                var line = err.Split('\n').FirstOrDefault(l => !l.StartsWith('#'))?.Trim();
                return (null, $"{tool} -t nat failed: {(string.IsNullOrEmpty(line) ? $"exit code {process.ExitCode}" : line)}");
            }
            return (await stdout, null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, $"{tool} is not installed where the dashboard runs");
        }
    }
}
