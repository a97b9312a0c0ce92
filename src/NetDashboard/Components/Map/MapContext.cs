namespace NetDashboard.Components.Map;

/// <summary>What the widgets inside the diagram may ask of the map (cascaded, fixed).</summary>
/// <param name="toggleCollapsed">Collapses or expands the network with this id.</param>
/// <param name="interactive">False in the read-only embed: nothing on the map can be selected there.</param>
public sealed class MapContext(Func<string, Task> toggleCollapsed, bool interactive = true)
{
    /// <summary>Collapses or expands the network with this id.</summary>
    public Task ToggleCollapsedAsync(string networkId) => toggleCollapsed(networkId);

    /// <summary>
    /// The attributes that name a node or link for assistive technology and put it in the tab order: a button whose
    /// Enter or Space does what a click does (map.js sends <c>data-activate</c> to the map); in the read-only embed an
    /// image with the same name, out of the tab order.
    /// </summary>
    public IReadOnlyDictionary<string, object> Accessible(string name, string id) => interactive
        ? new Dictionary<string, object> { ["role"] = "button", ["tabindex"] = "0", ["aria-label"] = name, ["data-activate"] = id }
        : new Dictionary<string, object> { ["role"] = "img", ["aria-label"] = name };
}
