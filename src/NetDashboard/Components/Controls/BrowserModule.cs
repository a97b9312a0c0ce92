using Microsoft.JSInterop;

namespace NetDashboard.Components.Controls;

/// <summary>
/// The app's JS module (<c>wwwroot/js/netdashboard.js</c>), imported on first use. Every call tolerates a browser
/// that is gone or not there yet (prerendering) and then answers as if nothing were stored or copied.
/// </summary>
public sealed class BrowserModule(IJSRuntime js) : IAsyncDisposable
{
    public const string Path = "./js/netdashboard.js";

    private IJSObjectReference? _module;

    public async Task<bool> CopyTextAsync(string text) =>
        await CallAsync(m => m.InvokeAsync<bool>("copyText", text).AsTask(), false);

    /// <summary>"dark", "light", or null to follow the system.</summary>
    public async Task<string?> GetThemePreferenceAsync() =>
        await CallAsync(m => m.InvokeAsync<string?>("getThemePreference").AsTask(), null);

    public async Task SetThemePreferenceAsync(string? value) =>
        await CallAsync(async m =>
        {
            await m.InvokeVoidAsync("setThemePreference", value);
            return true;
        }, false);

    private async Task<T> CallAsync<T>(Func<IJSObjectReference, Task<T>> call, T fallback)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", Path);
            return _module is null ? fallback : await call(_module);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return fallback;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the module.
        }
        _module = null;
    }
}
