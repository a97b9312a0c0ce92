using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NetDashboard.Core.Analysis;

namespace NetDashboard.Components.Reachability;

/// <summary>
/// The matrix of one filtered set of containers. Every cell is a native button (Tab reaches it, Enter or Space selects
/// it); <c>js/reachability.js</c> adds the arrow keys. Each row is its own component, so a selection or a live update
/// re-renders only the rows that changed.
/// </summary>
public partial class ReachabilityGrid : IAsyncDisposable
{
    public const string ScriptPath = "./js/reachability.js";

    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keys;

    [Inject] public required IJSRuntime JS { get; init; }

    [Parameter, EditorRequired] public required ReachabilityMatrix Matrix { get; set; }

    /// <summary>The selected pair, by container ids; null for none.</summary>
    [Parameter] public (string FromId, string ToId)? Selected { get; set; }

    [Parameter] public EventCallback<(int Row, int Column)> OnSelect { get; set; }

    private int? SelectedColumn(int row)
    {
        if (Selected is not { } s || Matrix.Containers[row].Id != s.FromId)
        {
            return null;
        }
        var column = Matrix.Containers.IndexOf(Matrix.Containers.FirstOrDefault(c => c.Id == s.ToId)!);
        return column >= 0 ? column : null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ScriptPath);
            if (_module is not null)
            {
                _keys = await _module.InvokeAsync<IJSObjectReference>("attachGridKeys", _root);
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // No arrow keys without the script; Tab and Enter still work.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keys is not null)
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The circuit is gone; so are the listeners.
        }
        GC.SuppressFinalize(this);
    }
}
