using System.Collections.Immutable;

namespace NetDashboard.Core.Map;

/// <summary>What the viewer chose: which networks are collapsed, whether stopped containers are shown.</summary>
public sealed record MapOptions
{
    /// <summary>Network ids drawn as one node with a count.</summary>
    public ImmutableHashSet<string> Collapsed { get; init; } = ImmutableHashSet<string>.Empty;
    public bool HideStopped { get; init; }

    /// <summary>Group keys (<see cref="MapGroups.KeyOf"/>) whose containers are drawn as one node per host.</summary>
    public ImmutableHashSet<string> CollapsedGroups { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Above this many containers on the map, its compose projects and services start collapsed (<c>NetDashboard:Map:GroupAbove</c>).</summary>
    public const int DefaultGroupAbove = 150;

    /// <summary>Above this many containers, the map starts with its larger networks collapsed.</summary>
    public const int AutoCollapseAbove = 150;

    /// <summary>On a large map, networks with more containers than this start collapsed.</summary>
    public const int AutoCollapseNetworkSize = 12;
}
