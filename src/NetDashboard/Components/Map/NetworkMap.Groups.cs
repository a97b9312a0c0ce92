namespace NetDashboard.Components.Map;

/// <summary>
/// The map's large-topology parts: compose projects and Swarm services drawn as one node (expanded by a click or
/// Enter, collapsed again from a member's panel), the note saying what started collapsed, and Enter in the search box
/// focusing the first match — expanding the network and the group that hide it.
/// </summary>
public partial class NetworkMap
{
    /// <summary>What the large-map note says was collapsed or grouped at the start.</summary>
    private string LargeNote => "Large topology: " + string.Join(", ", new[]
    {
        _view.AutoCollapsedCount > 0 ? $"{_view.AutoCollapsedCount} networks start collapsed" : null,
        _view.AutoGroupedCount > 0 ? $"{_view.AutoGroupedCount} compose projects and services are drawn as one node each" : null,
    }.OfType<string>()) + " — click to expand.";

    /// <summary>A click, Enter or Space on a group node: its containers are drawn; nothing stays selected.</summary>
    private void ExpandGroup(string key)
    {
        _view.CollapsedGroups = _view.CollapsedGroups.Remove(key);
        Redraw();
        Select(null);
    }

    /// <summary>The side panel's "Collapse project …": the group is one node again, the panel closes.</summary>
    private void CollapseGroup(string key)
    {
        _view.CollapsedGroups = _view.CollapsedGroups.Add(key);
        _redrawNeeded = true;
        Select(null);
    }

    /// <summary>Enter in the search box: select and centre the first matching container, expanding what hides it.</summary>
    private void OnSearchSubmitted()
    {
        if (!_view.HasSearch || _view.FirstMatch(_view.Filter(Snapshot)) is not { } container
            || _drawing.RevealFocus(Snapshot, container.Id, container.HostId, !_link.ReachPending) is not { } nodeId)
        {
            return;
        }
        Select(new MapSelection(nodeId, false));
        _viewport.CenterWhenReady(_view.Selection);
    }
}
