using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace NetDashboard.Components.Controls;

public partial class CopyCommand : IAsyncDisposable
{
    private BrowserModule? _module;

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired] public string Command { get; set; } = "";

    private async Task CopyAsync()
    {
        _module ??= new BrowserModule(JS);
        var copied = await _module.CopyTextAsync(Command);
        if (copied)
        {
            Snackbar.Add("Copied to the clipboard.", Severity.Success);
        }
        else
        {
            Snackbar.Add("The browser refused to copy: select the command and press Ctrl+C.", Severity.Warning);
        }
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _module?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
