using NetDashboard.Components.Details;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Pages;

/// <summary>
/// One container, live. The id is the full id, the name or a unique id prefix; <c>?host=</c> narrows to one host.
/// A container removed while the page is open stays visible, dimmed, with a note saying so.
/// </summary>
public partial class ContainerDetail : DetailPageBase<ContainerInfo>
{
    protected override string Kind => "container";

    protected override string ListHref => TopologyLinks.Containers;

    protected override LookupResult<ContainerInfo> Find(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        TopologyLookup.Container(snapshot, idOrName, hostId);

    protected override string IdOf(ContainerInfo item) => item.Id;

    protected override string HostIdOf(ContainerInfo item) => item.HostId;

    protected override string NameOf(ContainerInfo item) => item.Name;

    protected override string LinkOf(ContainerInfo item) => TopologyLinks.Container(item);
}
