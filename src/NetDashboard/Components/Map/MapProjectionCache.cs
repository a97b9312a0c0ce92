using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The graph and layout of a topology are immutable for one snapshot seen through one view (filters, collapsed networks,
/// hide stopped, and for the layout the number of columns), so every circuit that shows the same view of the same
/// revision shares one: computed once, under one lock, kept for the last <see cref="Capacity"/> snapshot × view pairs.
/// Layouts stay stable across revisions per view (and columns): each view keeps its last layout state — where every
/// region and container was, including those hidden for now — and the next revision's layout starts from it, so
/// nothing moves when a container comes or goes, in every tab alike. A circuit keeps only its own view and diagram.
/// </summary>
public sealed class MapProjectionCache
{
    /// <summary>Snapshot × view pairs kept (the newest revisions of the views in use, and a few historical ones).</summary>
    public const int Capacity = 32;

    /// <summary>Views whose last layout state is kept.</summary>
    public const int ViewCapacity = 64;

    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _entries = []; // most recent first
    private readonly Dictionary<string, MapLayoutState> _lineage = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _lineageOrder = []; // most recent first

    private sealed class Entry(TopologySnapshot snapshot, string viewKey, TopologyGraph graph)
    {
        public TopologySnapshot Snapshot { get; } = snapshot;
        public string ViewKey { get; } = viewKey;
        public TopologyGraph Graph { get; } = graph;
        public Dictionary<int, MapLayoutResult> Layouts { get; } = [];
    }

    /// <summary>Graphs built so far (not served from the cache); for tests and diagnostics.</summary>
    public int GraphsBuilt { get; private set; }

    /// <summary>Layouts computed so far (not served from the cache).</summary>
    public int LayoutsComputed { get; private set; }

    /// <summary>The graph of <paramref name="snapshot"/> as <paramref name="view"/> filters it (<paramref name="filtered"/>).</summary>
    public TopologyGraph Graph(TopologySnapshot snapshot, TopologySnapshot filtered, MapViewState view)
    {
        lock (_gate)
        {
            return EntryFor(snapshot, filtered, view).Graph;
        }
    }

    /// <summary>
    /// The layout of that graph in <paramref name="columns"/> columns, started from the view's last layout state, which
    /// it then becomes (remembering the places of what is hidden for now and forgetting what is gone).
    /// </summary>
    public MapLayoutResult Layout(TopologySnapshot snapshot, TopologySnapshot filtered, MapViewState view, int columns)
    {
        lock (_gate)
        {
            var entry = EntryFor(snapshot, filtered, view);
            if (entry.Layouts.TryGetValue(columns, out var cached))
            {
                return cached;
            }
            var lineageKey = entry.ViewKey + "#" + columns;
            var previous = _lineage.GetValueOrDefault(lineageKey) ?? MapLayoutState.Empty;
            var layout = MapLayout.Compute(entry.Graph, previous, columns);
            LayoutsComputed++;
            entry.Layouts[columns] = layout;
            Touch(lineageKey, Remember(previous, layout.State, snapshot));
            return layout;
        }
    }

    // Caller holds _gate.
    private Entry EntryFor(TopologySnapshot snapshot, TopologySnapshot filtered, MapViewState view)
    {
        var key = ViewKey(view);
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (ReferenceEquals(node.Value.Snapshot, snapshot) && node.Value.ViewKey == key)
            {
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value;
            }
        }
        var entry = new Entry(snapshot, key, TopologyGraphBuilder.Build(filtered, view.Options));
        GraphsBuilt++;
        _entries.AddFirst(entry);
        while (_entries.Count > Capacity)
        {
            _entries.RemoveLast();
        }
        return entry;
    }

    // Caller holds _gate.
    private void Touch(string lineageKey, MapLayoutState state)
    {
        if (_lineage.ContainsKey(lineageKey))
        {
            _lineageOrder.Remove(lineageKey);
        }
        _lineage[lineageKey] = state;
        _lineageOrder.AddFirst(lineageKey);
        while (_lineageOrder.Count > ViewCapacity)
        {
            _lineage.Remove(_lineageOrder.Last!.Value);
            _lineageOrder.RemoveLast();
        }
    }

    /// <summary>Everything of the view that decides what is drawn and where: its filters and its map options.</summary>
    public static string ViewKey(MapViewState view) => string.Join('\u001f',
        view.HostId ?? "",
        Sorted(view.Networks),
        Sorted(view.StateFilter),
        Sorted(view.Modes.Select(m => m.ToString())),
        Sorted(view.Services),
        view.HideStopped ? "1" : "0",
        Sorted(view.Collapsed),
        Sorted(view.CollapsedGroups));

    private static string Sorted(IEnumerable<string> values) => string.Join('\u001e', values.Order(StringComparer.Ordinal));

    /// <summary>
    /// Keeps the places of regions and containers that are hidden for now (filtered, collapsed, stopped) so they come
    /// back where they were; forgets those that are gone from the topology.
    /// </summary>
    private static MapLayoutState Remember(MapLayoutState previous, MapLayoutState current, TopologySnapshot snapshot)
    {
        var containers = snapshot.Containers.Select(c => TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)).ToHashSet(StringComparer.Ordinal);
        var regions = snapshot.Networks.Select(n => TopologyGraphBuilder.NetworkRegionId(n.HostId, n.Id))
            .Concat(snapshot.Hosts.SelectMany(h => new[] { TopologyGraphBuilder.HostStackRegionId(h.Id), TopologyGraphBuilder.IsolatedRegionId(h.Id) }))
            .ToHashSet(StringComparer.Ordinal);
        return new MapLayoutState
        {
            Slots = previous.Slots.Where(kv => containers.Contains(kv.Key) && !current.Slots.ContainsKey(kv.Key)).Aggregate(current.Slots, (s, kv) => s.SetItem(kv.Key, kv.Value)),
            Regions = previous.Regions.Where(kv => regions.Contains(kv.Key) && !current.Regions.ContainsKey(kv.Key)).Aggregate(current.Regions, (s, kv) => s.SetItem(kv.Key, kv.Value)),
        };
    }
}
