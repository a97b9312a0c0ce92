using System.Collections.Immutable;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>
/// What an engine does not report, said once per host instead of guessed per field: Podman's Docker-compatible service,
/// engines older than the fields of today's Docker, and a daemon reached directly over the network (its kernel is out of reach).
/// </summary>
public static class EngineGaps
{
    public static ImmutableArray<string> Of(ObservedHost host)
    {
        var gaps = ImmutableArray.CreateBuilder<string>();
        if (host.Product == Products.Podman)
        {
            gaps.Add("Podman does not report the Linux bridge of its networks (its network options are empty), so bridge names are not shown; "
                     + "nor options such as enable_icc, so inter-container communication is shown as Docker's default (allowed).");
            gaps.Add("Podman keeps no record of ports asked for with -p in host mode, so discarded ports are not shown.");
            gaps.Add("Podman does not report whether its networks resolve container names; they are shown without embedded DNS.");
            gaps.Add("Podman's container list has no network mode, and its inspect says \"bridge\" for every network; the mode is shown as Podman reports it.");
            gaps.Add("Podman writes its port-forwarding rules in its own chains (CNI or netavark), so NAT paths are derived, not compared with the kernel.");
            gaps.Add("Podman lists no host or none network, so host- and none-mode containers point at no network object (Podman 5 names it on their endpoint).");
        }
        if (!ApiLevel.AtLeast(host.ApiVersion, ApiLevel.DnsNames))
        {
            gaps.Add($"API {host.ApiVersion ?? "?"} has no DNSNames (API {ApiLevel.Format(ApiLevel.DnsNames)}+): the names the embedded DNS answers are derived from the name and aliases.");
        }
        if (!ApiLevel.AtLeast(host.ApiVersion, ApiLevel.EnableIPv4AndGwPriority))
        {
            gaps.Add($"API {host.ApiVersion ?? "?"} has no gateway priorities or IPv4-less networks (API {ApiLevel.Format(ApiLevel.EnableIPv4AndGwPriority)}+): the default route is derived where only one network has a gateway.");
        }
        if (!ApiLevel.AtLeast(host.ApiVersion, ApiLevel.NetworkStatus))
        {
            gaps.Add($"API {host.ApiVersion ?? "?"} has no address use per subnet (API {ApiLevel.Format(ApiLevel.NetworkStatus)}+, Engine 29): the network pages show the address pool as not reported.");
        }
        if (DirectRemote(host.Endpoint) is { } scheme)
        {
            gaps.Add($"This daemon is reached directly over {scheme}://: its API, not its host's kernel, so veth names, the NAT check against the kernel's rules and traffic are not shown. "
                     + "Run a collector on that host (the same image with --collector) to see them.");
        }
        if (host.FirewallBackend is null)
        {
            gaps.Add("The engine does not say which firewall backend writes its rules (API 1.49+ does).");
        }
        return gaps.ToImmutable();
    }

    /// <summary>The scheme of a remote daemon endpoint reached directly (tcp, ssh, http, https); null for a local socket or a collector.</summary>
    private static string? DirectRemote(string endpoint)
    {
        var colon = endpoint.IndexOf("://", StringComparison.Ordinal);
        var scheme = colon > 0 ? endpoint[..colon] : null;
        return scheme is "tcp" or "ssh" or "http" or "https" ? scheme : null;
    }
}
