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
    /// image named <paramref name="name"/>, out of the tab order. A node's button is named by its own text (which
    /// starts with its kind, visually hidden), so what a sighted speech-input user reads is its name; a link shows no
    /// text of its own (its label is beside it), so its button is named <paramref name="name"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object> Accessible(string name, string id, bool nameFromContent) => (interactive, nameFromContent) switch
    {
        (true, true) => new Dictionary<string, object> { ["role"] = "button", ["tabindex"] = "0", ["data-activate"] = id },
        (true, false) => new Dictionary<string, object> { ["role"] = "button", ["tabindex"] = "0", ["aria-label"] = name, ["data-activate"] = id },
        _ => new Dictionary<string, object> { ["role"] = "img", ["aria-label"] = name },
    };
}
