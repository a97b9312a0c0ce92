using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>Small facts about networks the analyses share.</summary>
public static class NetworkFacts
{
    public static bool IsDefaultBridge(NetworkInfo network) =>
        network.Options.TryGetValue("com.docker.network.bridge.default_bridge", out var v)
            ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)
            : network is { Name: "bridge", Driver: "bridge", Predefined: true };

    public static bool IsBridged(NetworkInfo network) => network.Driver is not ("host" or "null");

    /// <summary>The Linux bridge Docker names for this network (docker0, br-&lt;12 hex&gt;), or null for other drivers.</summary>
    public static string? BridgeName(NetworkInfo network) =>
        network.Bridge ?? (network.Driver == "bridge" && network.Id.Length >= 12 ? "br-" + network.Id[..12] : null);

    /// <summary>Does Docker masquerade traffic leaving this bridge? (<c>com.docker.network.bridge.enable_ip_masquerade</c>, default true; never for --internal.)</summary>
    public static bool Masquerades(NetworkInfo network) =>
        network.Driver == "bridge" && !network.Internal
        && !(network.Options.TryGetValue("com.docker.network.bridge.enable_ip_masquerade", out var v)
             && string.Equals(v, "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name Docker's embedded DNS answers with this endpoint's address on its network.</summary>
    public static IEnumerable<string> DnsNames(ContainerInfo container, EndpointInfo endpoint)
    {
        yield return container.Name;
        foreach (var alias in endpoint.Aliases)
        {
            yield return alias;
        }
        foreach (var name in endpoint.DnsNames)
        {
            yield return name;
        }
        if (container.Id.Length >= 12)
        {
            yield return container.Id[..12];
        }
    }
}
