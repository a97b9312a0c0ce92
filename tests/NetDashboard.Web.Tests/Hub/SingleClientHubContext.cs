using Microsoft.AspNetCore.SignalR;
using NetDashboard.Hubs;

namespace NetDashboard.Web.Tests.Hub;

/// <summary>Just enough of IHubContext for the publishers: every connection id reaches the one recording client.</summary>
internal sealed class SingleClientHubContext(ITopologyClient client) : IHubContext<TopologyHub, ITopologyClient>
{
    public IHubClients<ITopologyClient> Clients { get; } = new SingleClient(client);

    public IGroupManager Groups => throw new NotSupportedException();

    private sealed class SingleClient(ITopologyClient client) : IHubClients<ITopologyClient>
    {
        public ITopologyClient Client(string connectionId) => client;
        public ITopologyClient All => client;
        public ITopologyClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => client;
        public ITopologyClient Clients(IReadOnlyList<string> connectionIds) => client;
        public ITopologyClient Group(string groupName) => client;
        public ITopologyClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => client;
        public ITopologyClient Groups(IReadOnlyList<string> groupNames) => client;
        public ITopologyClient User(string userId) => client;
        public ITopologyClient Users(IReadOnlyList<string> userIds) => client;
    }
}
