using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using NetDashboard.Components.Controls;

namespace NetDashboard.Components.Layout;

/// <summary>
/// The frame of every page. Dark mode follows the system preference (live) until the user picks one with the
/// toggle; that choice is kept in the browser's localStorage.
/// </summary>
public partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider? _themeProvider;
    private BrowserModule? _browser;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    /// <summary>The user's own choice; null while the system preference is followed.</summary>
    private bool? _userChoice;

    [Inject] public required IJSRuntime JS { get; init; }

    private string DarkModeLabel => _isDarkMode ? "Switch to light mode" : "Switch to dark mode";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _themeProvider is null)
        {
            return;
        }
        _browser = new BrowserModule(JS);
        _userChoice = await _browser.GetThemePreferenceAsync() switch
        {
            "dark" => true,
            "light" => false,
            _ => null,
        };
        try
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            _isDarkMode = _userChoice ?? systemDark;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            _isDarkMode = _userChoice ?? false;
        }
        StateHasChanged();
    }

    private Task OnSystemDarkModeChangedAsync(bool dark)
    {
        if (_userChoice is not null)
        {
            return Task.CompletedTask;
        }
        _isDarkMode = dark;
        return InvokeAsync(StateHasChanged);
    }

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _userChoice = _isDarkMode;
        _browser ??= new BrowserModule(JS);
        await _browser.SetThemePreferenceAsync(_isDarkMode ? "dark" : "light");
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
