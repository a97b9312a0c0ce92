namespace NetDashboard.Core.Analysis;

/// <summary>
/// The rule Docker writes for a published port (DNAT) or a bridge subnet (MASQUERADE), in the syntax its firewall
/// backend lists it: <c>iptables-save</c>'s, or <c>nft list</c>'s for Engine 29's nftables backend (moby's nftabler:
/// the userland proxy's <c>iifname != bridge</c> skip, IPv6 link-local sources excluded, a comment on each rule).
/// </summary>
public static class ExpectedNatRule
{
    public static string Dnat(string? backend, string bridge, string hostIp, string protocol, int hostPort, string containerIp, int containerPort)
    {
        var any = hostIp is "0.0.0.0" or "::";
        if (!FirewallBackends.IsNftables(backend))
        {
            var dest = any ? "" : $"-d {hostIp}/32 ";
            return $"-A {IptablesNat.DnatChain} {dest}! -i {bridge} -p {protocol} -m {protocol} --dport {hostPort} -j DNAT --to-destination {containerIp}:{containerPort}";
        }
        var v6 = containerIp.Contains(':');
        var family = v6 ? "ip6" : "ip";
        var linkLocal = v6 ? "ip6 saddr != fe80::/10 " : "";
        var daddr = any ? "" : $"{family} daddr {hostIp} ";
        return $"iifname != \"{bridge}\" {linkLocal}{daddr}{protocol} dport {hostPort} counter dnat to {NftablesNat.Endpoint(containerIp, containerPort)} comment \"DNAT\"";
    }

    public static string Masquerade(string? backend, string? bridge, string subnet) =>
        FirewallBackends.IsNftables(backend)
            ? $"oifname != \"{bridge}\" {(subnet.Contains(':') ? "ip6" : "ip")} saddr {subnet} counter masquerade comment \"MASQUERADE\""
            : $"-A POSTROUTING -s {subnet} ! -o {bridge} -j MASQUERADE";
}
