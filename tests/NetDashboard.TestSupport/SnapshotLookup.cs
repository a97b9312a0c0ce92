using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.TestSupport;

/// <summary>
/// The tests' shorthand for the one lookup rule (<see cref="TopologyResolver"/>, docs/lookup.md): the single container or
/// network that <c>text</c> (an id, a name or an id prefix) names, or null when it names none or several.
/// </summary>
public static class SnapshotLookup
{
    public static ContainerInfo? FindContainer(this TopologySnapshot snapshot, string text, string? hostId = null) =>
        TopologyResolver.Container(snapshot, text, hostId).Single;

    public static NetworkInfo? FindNetwork(this TopologySnapshot snapshot, string text, string? hostId = null) =>
        TopologyResolver.Network(snapshot, text, hostId).Single;
}
