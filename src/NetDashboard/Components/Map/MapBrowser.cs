using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace NetDashboard.Components.Map;

/// <summary>
/// The map's JS module (<c>wwwroot/js/map.js</c>): the keyboard shortcuts (<c>/</c>, <c>Esc</c>, <c>f</c>, <c>+</c>,
/// <c>-</c>), which never fire while the user types in a field, Esc excepted. Tolerates a browser that is gone or not
/// there yet (prerendering).
/// </summary>
public sealed class MapBrowser(IJSRuntime js) : IAsyncDisposable
{
    public const string Path = "./js/map.js";

    private IJSObjectReference? _module;
    private IJSObjectReference? _shortcuts;

    public async Task AttachAsync<T>(ElementReference root, DotNetObjectReference<T> target) where T : class
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", Path);
            if (_module is not null)
            {
                _shortcuts = await _module.InvokeAsync<IJSObjectReference>("attachShortcuts", root, target);
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // No shortcuts without a browser; the buttons still work.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_shortcuts is not null)
            {
                await _shortcuts.InvokeVoidAsync("dispose");
                await _shortcuts.DisposeAsync();
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
        _shortcuts = null;
        _module = null;
    }
}
