namespace NetDashboard.Web.Tests.Swarm;

/// <summary>The swarm lab has fixed addresses and names: the classes that start one run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SwarmLabCollection
{
    public const string Name = "swarm lab";
}
