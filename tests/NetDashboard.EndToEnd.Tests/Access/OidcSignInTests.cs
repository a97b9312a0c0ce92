using System.Diagnostics;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Access;

/// <summary>
/// OpenID Connect against a real provider (the npm package <c>oidc-provider</c>, run with node on loopback by the test):
/// a user whose role claim holds the operator value signs in as an operator and creates a network from the browser; one
/// without it signs in as a viewer, sees no write button, and the API refuses the write their cookie asks for.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OidcSignInTests(EndToEndFixture fixture)
{
    private const string ClientSecret = "netdashboard-test-client-secret";

    [Theory]
    [InlineData("alice", "Alice Operator", "operator")]
    [InlineData("bob", "Bob Viewer", "viewer")]
    public async Task The_role_claim_decides_operator_or_viewer(string account, string name, string role)
    {
        await using var docker = new DockerCli();
        var network = docker.TrackNetwork("oidc-" + account);
        using var bridge = new NamespaceBridge(fixture.BrowserNamespace!);
        var issuer = $"http://127.0.0.1:{bridge.Port}";
        // The app reads the provider's discovery document only at the first sign-in, so it may start first: the provider
        // needs the app's callback address.
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Auth:RequireSignInToView"] = "true",
            ["NetDashboard:Features:Write"] = "true",
            ["NetDashboard:Auth:Oidc:Authority"] = issuer,
            ["NetDashboard:Auth:Oidc:ClientId"] = "netdashboard",
            ["NetDashboard:Auth:Oidc:ClientSecret"] = ClientSecret,
            ["NetDashboard:Auth:Oidc:RoleClaim"] = "role",
            ["NetDashboard:Auth:Oidc:OperatorValues:0"] = "netdash-ops",
        });
        using var provider = await StartProviderAsync(bridge.Port, new Uri(app.BrowserAddress, "/signin-oidc").ToString());
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoAsync("/networks");
            await page.GetByText("Sign in with your organisation's account").ClickAsync();
            // The provider's own (development) login and consent pages.
            await page.Locator("input[name=login]").FillAsync(account);
            if (await page.Locator("input[name=password]").CountAsync() > 0)
            {
                await page.Locator("input[name=password]").FillAsync("any");
            }
            await page.Locator("button[type=submit]").First.ClickAsync();
            await page.Locator("button[type=submit]").First.ClickAsync(); // consent
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/networks$"));
            await page.WaitForInteractiveAsync(Theme.Light);
            await Expect(page.Locator("[data-user-name]")).ToHaveTextAsync(name);
            await Expect(page.Locator("[data-user-role]")).ToHaveTextAsync(role);

            if (role == "operator")
            {
                await page.Locator("[data-action=create-network]").ClickAsync();
                await page.Locator("[data-dialog=network-create] [data-input=name]").FillAsync(network);
                await page.Locator("[data-dialog=network-create] [data-input=labels]").FillAsync(DockerCli.TestLabel);
                await page.Locator("[data-action=create]").ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Network " + network);
                var created = await docker.InspectAsync(network, network: true);
                Assert.Equal(network, created.GetProperty("Name").GetString());
            }
            else
            {
                await Expect(page.Locator("[data-action=create-network]")).ToHaveCountAsync(0);
                var status = await page.EvaluateAsync<int>($$"""
                    async () => (await fetch('/api/networks', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                                  body: JSON.stringify({ name: '{{network}}' }) })).status
                    """);
                Assert.Equal(403, status);
                var (code, _, _) = await DockerCli.RunProcessAsync("docker", ["network", "inspect", network], TimeSpan.FromSeconds(30));
                Assert.NotEqual(0, code);
            }
        });
    }

    private static async Task<ProviderProcess> StartProviderAsync(int port, string redirectUri)
    {
        var folder = Path.Combine(RepoFolder(), "tests", "NetDashboard.EndToEnd.Tests", "oidc");
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "provider.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), redirectUri, ClientSecret })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data == "ready") { ready.TrySetResult(); } };
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (started != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The OpenID provider did not start (run npm ci in {folder}): {errors}");
        }
        return new ProviderProcess(process);
    }

    private static string RepoFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("No folder holding NetDashboard.sln above the test binaries.");
    }

    /// <summary>The provider's node process, ended with the test.</summary>
    private sealed class ProviderProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            process.Dispose();
        }
    }
}
