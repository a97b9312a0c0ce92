namespace NetDashboard.Web.Tests;

/// <summary>Tests that create objects on the shared local dockerd run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealDockerCollection
{
    public const string Name = "real dockerd";
}
