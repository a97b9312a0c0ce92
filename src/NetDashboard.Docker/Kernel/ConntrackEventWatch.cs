using System.Diagnostics;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Listens to one network namespace's connection tracking events (<c>conntrack -E -e DESTROY -p tcp</c>, through
/// nsenter for another namespace) and keeps the refused connection attempts among them until the next read: a refused
/// connection never stays in the table a read could see. At most <see cref="Capacity"/> attempts wait (the oldest go
/// first, counted). When the tool is missing or ends, the reason is kept and the watch starts again after
/// <see cref="RestartAfter"/>. Sends nothing: it only listens to the kernel.
/// </summary>
internal sealed class ConntrackEventWatch(string[] nsenter, TimeProvider time) : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<RefusedAttempt> _waiting = new();
    private Process? _process;
    private long _startedAt = long.MinValue;
    private int _dropped;
    private string? _whyNot;
    private bool _disposed;

    public int Capacity { get; init; } = 1000;

    public TimeSpan RestartAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The attempts heard since the last call, and a sentence when some were dropped or the events cannot be heard.</summary>
    public (IReadOnlyList<RefusedAttempt> Refused, string? Note) Drain()
    {
        EnsureRunning();
        lock (_gate)
        {
            var refused = _waiting.ToList();
            _waiting.Clear();
            var note = _whyNot is not null
                ? $"Refused connections are not seen: {_whyNot}."
                : _dropped > 0 ? $"{_dropped} refused connection attempts were not kept (more than {Capacity} between two reads)." : null;
            _dropped = 0;
            return (refused, note);
        }
    }

    private void EnsureRunning()
    {
        lock (_gate)
        {
            if (_disposed || _process is { HasExited: false }
                || (_startedAt != long.MinValue && time.GetElapsedTime(_startedAt) < RestartAfter))
            {
                return;
            }
            _startedAt = time.GetTimestamp();
            // conntrack runs under a shell that ends it when its standard input closes: when this process dies without
            // disposing (killed), the pipe closes and no conntrack is left behind (a killed parent's child is not ended
            // by the kernel, and an ignored SIGPIPE is inherited, so conntrack alone would run on forever).
            string[] command = [.. nsenter, "sh", "-c", Listener];
            var psi = new ProcessStartInfo(command[0])
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in command[1..])
            {
                psi.ArgumentList.Add(arg);
            }
            try
            {
                _process?.Dispose();
                _process = Process.Start(psi)!;
                _whyNot = null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                _process = null;
                _whyNot = $"{command[0]} is not installed where the dashboard runs";
                return;
            }
            var process = _process;
            _ = Task.Run(() => ListenAsync(process));
        }
    }

    /// <summary>conntrack in the background, stopped when the shell's standard input (this process's pipe) ends.</summary>
    internal const string Listener =
        "exec 3<&0; conntrack -E -e DESTROY -p tcp </dev/null & c=$!; (cat <&3 >/dev/null; kill $c 2>/dev/null) & wait $c";

    private async Task ListenAsync(Process process)
    {
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (ConntrackEvents.Refused(line) is { } entry)
                {
                    Keep(new RefusedAttempt(entry, time.GetUtcNow()));
                }
            }
            await process.WaitForExitAsync();
            var error = (await stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("conntrack v", StringComparison.Ordinal));
            lock (_gate)
            {
                if (!_disposed)
                {
                    _whyNot = process.ExitCode == 127
                        ? "conntrack is not installed where the dashboard runs"
                        : $"conntrack -E ended ({(string.IsNullOrEmpty(error) ? $"exit code {process.ExitCode}" : error)}); it is started again within {RestartAfter.TotalSeconds:0} s";
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            lock (_gate)
            {
                _whyNot ??= "conntrack -E could not be read";
            }
        }
    }

    private void Keep(RefusedAttempt attempt)
    {
        lock (_gate)
        {
            if (_waiting.Count == Capacity)
            {
                _waiting.Dequeue();
                _dropped++;
            }
            _waiting.Enqueue(attempt);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            try
            {
                if (_process is { HasExited: false })
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process?.Dispose();
            _process = null;
        }
    }
}
