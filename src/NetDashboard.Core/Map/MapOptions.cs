using System.Collections.Immutable;

namespace NetDashboard.Core.Map;

/// <summary>What the viewer chose: which networks are collapsed, whether stopped containers are shown.</summary>
public sealed record MapOptions
{
    /// <summary>Network ids drawn as one node with a count.</summary>
    public ImmutableHashSet<string> Collapsed { get; init; } = ImmutableHashSet<string>.Empty;
    public bool HideStopped { get; init; }

    /// <summary>Above this many containers, the map starts with its larger networks collapsed.</summary>
    public const int AutoCollapseAbove = 150;

    /// <summary>On a large map, networks with more containers than this start collapsed.</summary>
    public const int AutoCollapseNetworkSize = 12;
}
