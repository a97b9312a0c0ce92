namespace NetDashboard.Configuration;

/// <summary>Settings of the network insight (section <c>NetDashboard:Insight</c>).</summary>
public sealed class InsightOptions
{
    public const string SectionName = "NetDashboard:Insight";

    /// <summary>
    /// Lets users check a prediction live: <c>ping</c>/<c>nslookup</c> run inside the source container (docker exec),
    /// aimed only at the two containers. Off by default: it executes commands in users' containers.
    /// </summary>
    public bool LiveVerification { get; set; }

    /// <summary>Compare derived NAT paths with the kernel's rules (<c>iptables-save -t nat</c>, or <c>nft -j list table ip|ip6 docker-bridges</c> for the nftables backend) when they can be read.</summary>
    public bool ReadKernelNat { get; set; } = true;

    /// <summary>
    /// Hosts whose nat table is the dashboard's own kernel's. Empty: every host reached through a local unix socket.
    /// A collector-fed host's nat table is read by its collector, listed here or not.
    /// </summary>
    public List<string> KernelNatHosts { get; set; } = [];
}
