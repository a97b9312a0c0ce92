using NetDashboard.Components.Details;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Pages;

/// <summary>
/// One network, live, with the containers attached. The id is the full id, the name or a unique id prefix;
/// <c>?host=</c> narrows to one host. A network removed while the page is open stays visible, dimmed, with a note.
/// </summary>
public partial class NetworkDetail : DetailPageBase<NetworkInfo>
{
    protected override string Kind => "network";

    protected override string ListHref => TopologyLinks.Networks;

    protected override LookupResult<NetworkInfo> Find(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        TopologyLookup.Network(snapshot, idOrName, hostId);

    protected override string IdOf(NetworkInfo item) => item.Id;

    protected override string HostIdOf(NetworkInfo item) => item.HostId;

    protected override string NameOf(NetworkInfo item) => item.Name;

    protected override string LinkOf(NetworkInfo item) => TopologyLinks.Network(item);

    private IReadOnlyList<(ContainerInfo Container, EndpointInfo Endpoint)> Attached(NetworkInfo network) =>
        Lookup.IsGone ? [] : TopologyRows.Attached(Snapshot, network);

    private IReadOnlyList<ContainerInfo> Sharers(NetworkInfo network) =>
        Lookup.IsGone
            ? []
            : Attached(network).SelectMany(a => TopologyRows.Sharers(Snapshot, a.Container)).DistinctBy(c => c.Id).ToList();
}
