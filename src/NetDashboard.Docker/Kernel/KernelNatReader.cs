using NetDashboard.Core.Analysis;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Reads the NAT rules of the network namespace a daemon writes its rules in: with <c>iptables-save -t nat</c> (the
/// nf_tables backend first, then the legacy one when only that has Docker's chains), or, for a daemon whose firewall
/// backend is nftables (Engine 29), with <c>nft -j list table ip docker-bridges</c> and <c>… ip6 …</c>. The daemon
/// behind a unix socket is found from the process answering on it, and its namespace entered with
/// <c>nsenter --net=/proc/&lt;pid&gt;/ns/net</c> when it is not the dashboard's own. Answers a sentence instead when the
/// namespace, the tool, the table or the permission is missing — never another namespace's rules. Results are cached
/// per target for <see cref="CacheFor"/>, timed by the injected clock.
/// </summary>
public sealed class KernelNatReader(TimeProvider time) : INatRuleSource
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
        string? netNs = null;
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
                netNs = found.NetNsPath;
                where = $"the network namespace of {found.Process} (pid {found.Pid})";
            }
        }
        return await ReadNamespaceAsync(netNs, where, target.FirewallBackend, ct);
    }

    /// <summary>
    /// Reads the rules of one network namespace (<paramref name="netNsPath"/>, entered with nsenter; null: the
    /// dashboard's own), named <paramref name="where"/> in sentences, as the <paramref name="firewallBackend"/> writes them.
    /// </summary>
    internal async Task<NatTableRead> ReadNamespaceAsync(string? netNsPath, string where, string? firewallBackend, CancellationToken ct)
    {
        string[] prefix = netNsPath is null ? [] : ["nsenter", $"--net={netNsPath}"];
        if (FirewallBackends.IsNftables(firewallBackend))
        {
            return await ReadNftablesAsync(prefix, where, ct);
        }
        string? firstError = null;
        foreach (var tool in new[] { "iptables-save", "iptables-legacy-save" })
        {
            var (text, error) = await KernelCommand.RunAsync([.. prefix, tool, "-t", "nat"], Timeout, ct);
            if (text is not null)
            {
                var parsed = IptablesNat.Parse(text);
                if (parsed.HasDockerRules)
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

    /// <summary>Engine 29's <c>ip docker-bridges</c> table (required) and <c>ip6 docker-bridges</c> (where the daemon has it).</summary>
    private async Task<NatTableRead> ReadNftablesAsync(string[] prefix, string where, CancellationToken ct)
    {
        var (ip, error) = await KernelCommand.RunAsync([.. prefix, "nft", "-j", "list", "table", "ip", NftablesNat.Table], Timeout, ct);
        if (ip is null)
        {
            return new NatTableRead(null, error is not null && error.Contains("No such file or directory", StringComparison.Ordinal)
                ? $"{where} has no nftables table ip {NftablesNat.Table} (the daemon may run with --iptables=false)"
                : error, null);
        }
        var (ip6, _) = await KernelCommand.RunAsync([.. prefix, "nft", "-j", "list", "table", "ip6", NftablesNat.Table], Timeout, ct);
        try
        {
            return new NatTableRead(NftablesNat.Parse(ip, ip6), null, "nft") { Namespace = where };
        }
        catch (System.Text.Json.JsonException)
        {
            return new NatTableRead(null, $"nft -j list table ip {NftablesNat.Table} in {where} answered something that is not JSON", null);
        }
    }
}
