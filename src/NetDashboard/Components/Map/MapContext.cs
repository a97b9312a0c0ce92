namespace NetDashboard.Components.Map;

/// <summary>What the widgets inside the diagram may ask of the map (cascaded, fixed).</summary>
public sealed class MapContext(Func<string, Task> toggleCollapsed)
{
    /// <summary>Collapses or expands the network with this id.</summary>
    public Task ToggleCollapsedAsync(string networkId) => toggleCollapsed(networkId);
}
