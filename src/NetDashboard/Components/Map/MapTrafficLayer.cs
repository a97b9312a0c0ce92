using Blazor.Diagrams;
using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Map;
using NetDashboard.Core.Traffic;
using NetDashboard.Traffic;

namespace NetDashboard.Components.Map;

/// <summary>
/// Draws the observed connections on the map while <see cref="MapTrafficView.Shown"/>: one <see cref="TrafficLinkModel"/>
/// per talking pair (<see cref="TrafficPairs"/>) between the drawn nodes, kept in step with the monitor's changes, the
/// map's redraws (its parameters are set on every map render, after the diagram was synced) and the time window (ended
/// connections leave it on a slow timer). Renders nothing itself; a pair whose container is not drawn (filtered,
/// collapsed) is left out. The map root's <c>data-traffic-count</c> comes from <see cref="Count"/>.
/// </summary>
public sealed class MapTrafficLayer : ComponentBase, IDisposable
{
    /// <summary>How often ended connections are checked against the window while nothing else changes.</summary>
    public static readonly TimeSpan AgeCheck = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, TrafficLinkModel> _links = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private ITimer? _timer;

    [Inject] public required TrafficFeed Monitor { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Parameter, EditorRequired] public required BlazorDiagram Diagram { get; set; }

    [Parameter, EditorRequired] public required MapDiagramSync Sync { get; set; }

    [Parameter, EditorRequired] public required MapTrafficView View { get; set; }

    /// <summary>The map's host filter; null for every host.</summary>
    [Parameter] public string? HostId { get; set; }

    public int Count => _links.Count;

    protected override void OnInitialized()
    {
        _subscription = Monitor.Subscribe(document => _ = InvokeAsync(Apply));
        _timer = Time.CreateTimer(state => _ = InvokeAsync(Apply), null, AgeCheck, AgeCheck);
    }

    protected override void OnParametersSet() => Apply();

    protected override bool ShouldRender() => false;

    private void Apply()
    {
        var pairs = View.Shown ? TrafficPairs.Of(Monitor.Current, View.Window, Time.GetUtcNow(), HostId) : [];
        var wanted = new Dictionary<string, (TrafficPair Pair, MapNodeModel From, MapNodeModel To)>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var fromId = pair.FromId is { } f ? TopologyGraphBuilder.ContainerNodeId(pair.HostId, f) : TopologyGraphBuilder.HostNodeId(pair.HostId);
            if (Sync.Nodes.TryGetValue(fromId, out var from) && Sync.Nodes.TryGetValue(TopologyGraphBuilder.ContainerNodeId(pair.HostId, pair.ToId), out var to))
            {
                wanted[pair.Id] = (pair, from, to);
            }
        }
        var remove = _links.Values.Where(l => !wanted.TryGetValue(l.Id, out var w) || !ReferenceEquals(w.From, l.SourceNode) || !ReferenceEquals(w.To, l.TargetNode)
                                               || !Diagram.Links.Contains(l)).ToList();
        var add = wanted.Values.Where(w => !_links.TryGetValue(w.Pair.Id, out var l) || remove.Contains(l)).ToList();
        var update = wanted.Values.Where(w => _links.TryGetValue(w.Pair.Id, out var l) && !remove.Contains(l) && l.Pair != w.Pair).ToList();
        if (remove.Count + add.Count + update.Count == 0)
        {
            return;
        }
        var created = add.Select(w => new TrafficLinkModel(w.Pair, w.From, w.To)).ToList();
        Diagram.Batch(() =>
        {
            foreach (var link in remove)
            {
                _links.Remove(link.Id);
                if (Diagram.Links.Contains(link)) Diagram.Links.Remove(link);
            }
            foreach (var link in created)
            {
                _links[link.Id] = link;
                Diagram.Links.Add(link);
            }
            foreach (var (pair, _, _) in update)
            {
                var link = _links[pair.Id];
                link.Pair = pair;
                link.Refresh();
            }
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
    }
}
