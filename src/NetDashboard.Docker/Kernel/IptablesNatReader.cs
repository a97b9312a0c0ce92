using NetDashboard.Core.Analysis;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Reads the nat table of the network namespace a daemon writes its rules in, with <c>iptables-save -t nat</c> (the
/// nf_tables backend first, then the legacy one when only that has Docker's chains): the daemon behind a unix socket is
/// found from the process answering on it, and its namespace entered with <c>nsenter --net=/proc/&lt;pid&gt;/ns/net</c>
/// when it is not the dashboard's own. Answers a sentence instead when the namespace, the tool or the permission is
/// missing, or when the daemon writes its rules with nftables — never another namespace's table. Results are cached
/// per target for <see cref="CacheFor"/>, timed by the injected clock.
/// </summary>
public sealed class IptablesNatReader(TimeProvider time) : INatRuleSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<NatTableTarget, (DateTimeOffset At, NatTableRead Read)> _cached = [];

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<NatTableRead> ReadAsync(NatTableTarget target, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cached.TryGetValue(target, out var c) && time.GetUtcNow() - c.At < CacheFor)
            {
                return c.Read;
            }
        }
        var read = await ReadUncachedAsync(target, cancellationToken);
        lock (_gate)
        {
            _cached[target] = (time.GetUtcNow(), read);
        }
        return read;
    }

    private async Task<NatTableRead> ReadUncachedAsync(NatTableTarget target, CancellationToken ct)
    {
        if (string.Equals(target.FirewallBackend, "nftables", StringComparison.OrdinalIgnoreCase))
        {
            return new NatTableRead(null, "the daemon writes its rules with nftables (its own tables, not iptables' DOCKER chain), which the dashboard does not read", null);
        }
        string[] prefix = [];
        var where = "the dashboard's own network namespace";
        if (target.DaemonSocket is { } socket)
        {
            var (found, whyNot) = DaemonNamespace.Locate(socket);
            if (found is null)
            {
                return new NatTableRead(null, whyNot, null);
            }
            if (found.Process.StartsWith("podman", StringComparison.Ordinal))
            {
                return new NatTableRead(null, $"the daemon is Podman (pid {found.Pid}), which writes its port forwarding in chains of its own (CNI or netavark), not Docker's", null);
            }
            if (found.IsOwn)
            {
                where = $"the dashboard's own network namespace, which {found.Process} (pid {found.Pid}) shares";
            }
            else
            {
                prefix = ["nsenter", $"--net={found.NetNsPath}"];
                where = $"the network namespace of {found.Process} (pid {found.Pid})";
            }
        }
        string? firstError = null;
        foreach (var tool in new[] { "iptables-save", "iptables-legacy-save" })
        {
            var (text, error) = await KernelCommand.RunAsync([.. prefix, tool, "-t", "nat"], Timeout, ct);
            if (text is not null)
            {
                var parsed = IptablesNat.Parse(text);
                if (parsed.HasDockerChain)
                {
                    return new NatTableRead(parsed, null, tool) { Namespace = where };
                }
                firstError ??= $"{tool} -t nat in {where} shows no DOCKER chain";
            }
            else
            {
                firstError ??= error;
            }
        }
        return new NatTableRead(null, firstError ?? "iptables-save is not available", null);
    }
}
