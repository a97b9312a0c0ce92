using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using NetDashboard.Management;

namespace NetDashboard.Components.Management;

/// <summary>
/// The UI's side of a write, per circuit: a write run as the signed-in user through <see cref="NetworkWrites"/> — the
/// same checks, daemon call and audit as the API — with its outcome said in a snackbar.
/// </summary>
public sealed class WriteActions(NetworkWrites writes, AuthenticationStateProvider authentication, ISnackbar snackbar)
{
    /// <summary>Runs <paramref name="write"/> as the signed-in user; says <paramref name="done"/> or the refusal's sentence.</summary>
    public async Task<WriteResult> RunAsync(Func<ClaimsPrincipal, NetworkWrites, Task<WriteResult>> write, string done, bool sayRefusal = true)
    {
        var result = await write(await UserAsync(), writes);
        if (result.Succeeded)
        {
            snackbar.Add(done, Severity.Success);
        }
        else if (sayRefusal)
        {
            snackbar.Add(result.Detail ?? "Refused.", Severity.Error);
        }
        return result;
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
