// LookupResult<T> lived here before the rule moved to Core; code that names it beside this namespace keeps compiling.
global using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>
/// Resolves what a page's URL or picker names — the full id, then the exact name, then a unique id prefix, like the
/// docker CLI; <c>?host=</c> narrows to one host. The rule itself is <see cref="TopologyResolver"/> (one for the API,
/// the pages and the exports, <c>docs/lookup.md</c>); this is the pages' entry point to it.
/// </summary>
public static class TopologyLookup
{
    public static LookupResult<NetworkInfo> Network(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        TopologyResolver.Network(snapshot, idOrName, hostId);

    public static LookupResult<ContainerInfo> Container(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        TopologyResolver.Container(snapshot, idOrName, hostId);
}
