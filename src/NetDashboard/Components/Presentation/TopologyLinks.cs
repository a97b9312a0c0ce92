using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>The app's URLs, built in one place. Detail links carry the full id and the host, so they never go ambiguous.</summary>
public static class TopologyLinks
{
    public const string Home = "/";
    public const string Networks = "/networks";
    public const string Containers = "/containers";

    public static string Network(NetworkInfo network) => NetworkById(network.Id, network.HostId);

    public static string NetworkById(string idOrName, string hostId) =>
        $"{Networks}/{Uri.EscapeDataString(idOrName)}?host={Uri.EscapeDataString(hostId)}";

    /// <summary>The network of an endpoint: by id, or by name where the daemon gave no id (a stopped container).</summary>
    public static string NetworkOf(EndpointInfo endpoint, string hostId) =>
        NetworkById(string.IsNullOrEmpty(endpoint.NetworkId) ? endpoint.NetworkName : endpoint.NetworkId, hostId);

    public static string Container(ContainerInfo container) => ContainerById(container.Id, container.HostId);

    public static string ContainerById(string idOrName, string hostId) =>
        $"{Containers}/{Uri.EscapeDataString(idOrName)}?host={Uri.EscapeDataString(hostId)}";

    public static string NetworksOf(HostInfo host) => $"{Networks}?host={Uri.EscapeDataString(host.Id)}";

    public static string ContainersOf(HostInfo host, string? state = null) =>
        $"{Containers}?host={Uri.EscapeDataString(host.Id)}" + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");
}
