using Microsoft.Playwright;
using NetDashboard.Access;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Access;

/// <summary>
/// Sign-in as a person does it, in Chromium, on an app that requires it: a page sends the stranger to /login; a wrong
/// password is told so in a sentence; the right one lands on the page asked for with the name and role in the app bar,
/// the live map still live; sign-out ends it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignInBrowserTests(EndToEndFixture fixture)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_viewer_signs_in_from_the_login_page_sees_who_they_are_and_signs_out()
    {
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Auth:RequireSignInToView"] = "true",
            ["NetDashboard:Auth:Users:0:Name"] = "vera",
            ["NetDashboard:Auth:Users:0:PasswordHash"] = PasswordHashes.Hash(Password),
            ["NetDashboard:Auth:Users:0:Role"] = "viewer",
        });
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoAsync("/networks");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fnetworks$"));

            await page.GetByLabel("Name").FillAsync("vera");
            await page.GetByLabel("Password").FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That name and password do not match.");

            await page.GetByLabel("Name").FillAsync("vera");
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/networks$"));
            await page.WaitForInteractiveAsync(Theme.Light);
            await Expect(page.Locator("[data-user-name]")).ToHaveTextAsync("vera");
            await Expect(page.Locator("[data-user-role]")).ToContainTextAsync("viewer");
            await page.ScreenshotAsync(Theme.Light, "signed-in");

            // The live parts work for a signed-in user: the map draws over its circuit.
            await page.GotoInteractiveAsync("/", Theme.Light);
            await page.WaitForFunctionAsync("() => { const m = document.querySelector('[data-map]'); return m && +m.dataset.nodeCount > 0; }");

            await page.Locator("[data-sign-out]").ClickAsync();
            await page.GotoAsync("/networks");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fnetworks$"));
        });
    }
}
