using Microsoft.JSInterop;

namespace NetDashboard.Components.Controls;

/// <summary>
/// One of the app's JS modules, imported on first use: the app's own (<see cref="Path"/>: clipboard, theme) or the
/// map's (<see cref="MapPath"/>: keyboard shortcuts). Every call tolerates a browser that is gone or not there yet
/// (prerendering) and then answers its fallback; disposing it detaches what <see cref="AttachAsync"/> attached and
/// releases the module.
/// </summary>
public sealed class BrowserModule(IJSRuntime js, string path = BrowserModule.Path) : IAsyncDisposable
{
    /// <summary><c>wwwroot/js/netdashboard.js</c>: the clipboard and the theme preference.</summary>
    public const string Path = "./js/netdashboard.js";

    /// <summary><c>wwwroot/js/map.js</c>: the map's keyboard shortcuts.</summary>
    public const string MapPath = "./js/map.js";

    private readonly List<IJSObjectReference> _attached = [];
    private IJSObjectReference? _module;

    /// <summary>Copies to the clipboard (the app module); false when the browser refused or is not there.</summary>
    public Task<bool> CopyTextAsync(string text) => InvokeAsync("copyText", false, text);

    /// <summary>"dark", "light", or null to follow the system (the app module).</summary>
    public Task<string?> GetThemePreferenceAsync() => InvokeAsync<string?>("getThemePreference", null);

    public Task SetThemePreferenceAsync(string? value) => InvokeVoidAsync("setThemePreference", value);

    /// <summary>Calls the module's function <paramref name="identifier"/>; <paramref name="fallback"/> without a browser.</summary>
    public Task<T> InvokeAsync<T>(string identifier, T fallback, params object?[] args) =>
        CallAsync(m => m.InvokeAsync<T>(identifier, args).AsTask(), fallback);

    public Task InvokeVoidAsync(string identifier, params object?[] args) =>
        CallAsync(async m =>
        {
            await m.InvokeVoidAsync(identifier, args);
            return true;
        }, false);

    /// <summary>
    /// Calls a function that attaches something (listeners) and answers an object with a <c>dispose()</c> method; it is
    /// called when this module is disposed.
    /// </summary>
    public async Task AttachAsync(string identifier, params object?[] args)
    {
        if (await InvokeAsync<IJSObjectReference?>(identifier, null, args) is { } handle)
        {
            _attached.Add(handle);
        }
    }

    private async Task<T> CallAsync<T>(Func<IJSObjectReference, Task<T>> call, T fallback)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", path);
            return _module is null ? fallback : await call(_module);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return fallback;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var handle in _attached)
            {
                await handle.InvokeVoidAsync("dispose");
                await handle.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The circuit is gone; so are the module and its listeners.
        }
        _attached.Clear();
        _module = null;
    }
}
