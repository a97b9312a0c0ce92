using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Components.Map;

/// <summary>
/// An observed connection between two drawn nodes (two containers, or the host and a container): a straight chord
/// over the map's own links, drawn by <see cref="TrafficLinkWidget"/>. Not one of the topology's edges: the
/// <see cref="MapTrafficLayer"/> owns it, <see cref="MapDiagramSync"/> never sees it.
/// </summary>
public sealed class TrafficLinkModel : LinkModel
{
    private static readonly Router Straight = new NormalRouter();
    private static readonly PathGenerator Line = new StraightPathGenerator();

    public TrafficLinkModel(TrafficPair pair, MapNodeModel source, MapNodeModel target)
        : base(pair.Id, new ShapeIntersectionAnchor(source), new ShapeIntersectionAnchor(target))
    {
        Pair = pair;
        Router = Straight;
        PathGenerator = Line;
        Locked = true;
    }

    public TrafficPair Pair { get; set; }

    public MapNodeModel SourceNode => (MapNodeModel)Source.Model!;

    public MapNodeModel TargetNode => (MapNodeModel)Target.Model!;
}
