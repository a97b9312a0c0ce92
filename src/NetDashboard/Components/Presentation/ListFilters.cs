using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>What the networks list shows: a search and, from <c>?host=</c>, one host.</summary>
public sealed class NetworkListFilter
{
    public string? Search { get; set; }
    public string? HostId { get; set; }

    public bool Matches(NetworkRow row) =>
        (HostId is null || row.Network.HostId == HostId) && TopologySearch.Matches(Search, TopologySearch.Texts(row));
}

public enum ContainerStateFilter
{
    All,
    Running,
    Stopped,
}

/// <summary>What the containers list shows: a search, a state, a network mode and, from <c>?host=</c>, one host.</summary>
public sealed class ContainerListFilter
{
    public string? Search { get; set; }
    public ContainerStateFilter State { get; set; }
    /// <summary>Null for every mode.</summary>
    public NetworkModeKind? Mode { get; set; }
    public string? HostId { get; set; }

    public bool Matches(ContainerRow row)
    {
        var c = row.Container;
        return (HostId is null || c.HostId == HostId)
               && State switch
               {
                   ContainerStateFilter.Running => c.IsRunning,
                   ContainerStateFilter.Stopped => !c.IsRunning,
                   _ => true,
               }
               && (Mode is null || c.NetworkMode.Kind == Mode)
               && TopologySearch.Matches(Search, TopologySearch.Texts(row));
    }

    public static ContainerStateFilter ParseState(string? text) =>
        Enum.TryParse<ContainerStateFilter>(text, ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : ContainerStateFilter.All;
}
