using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NetDashboard.Access;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Access;

/// <summary>
/// The real app with sign-in configured: an operator and a viewer who share a password, a viewer token and an operator
/// token, an embed token, and whatever a test adds. Clients keep cookies and do not follow redirects.
/// </summary>
internal sealed partial class AccessApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public const string ViewerToken = "viewer-script-token-0123456789";
    public const string OperatorToken = "operator-script-token-0123456789";
    public const string EmbedToken = "embed-token-for-the-wiki-0123";

    private static readonly string Hash = PasswordHashes.Hash(Password);

    public AccessApp(bool requireSignInToView, IReadOnlyDictionary<string, string?>? more = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NetDashboard:Auth:RequireSignInToView"] = requireSignInToView ? "true" : "false",
            ["NetDashboard:Auth:Users:0:Name"] = "olga",
            ["NetDashboard:Auth:Users:0:PasswordHash"] = Hash,
            ["NetDashboard:Auth:Users:0:Role"] = "operator",
            ["NetDashboard:Auth:Users:1:Name"] = "victor",
            ["NetDashboard:Auth:Users:1:PasswordHash"] = Hash,
            ["NetDashboard:Auth:Users:1:Role"] = "viewer",
            ["NetDashboard:Auth:Tokens:0:Name"] = "ci-read",
            ["NetDashboard:Auth:Tokens:0:Sha256"] = Sha256Hex(ViewerToken),
            ["NetDashboard:Auth:Tokens:0:Role"] = "viewer",
            ["NetDashboard:Auth:Tokens:1:Name"] = "ci-write",
            ["NetDashboard:Auth:Tokens:1:Sha256"] = Sha256Hex(OperatorToken),
            ["NetDashboard:Auth:Tokens:1:Role"] = "operator",
            ["NetDashboard:Embed:Token"] = EmbedToken,
            ["NetDashboard:History:Enabled"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        Factory = new DashboardFactory(settings) { TestServices = services };
    }

    public DashboardFactory Factory { get; }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static string Sha256Hex(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Opens /login and posts its form (with its antiforgery token) as a browser would; returns the answer.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The login page has no antiforgery token.");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["name"] = name, ["password"] = password };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }
        return await client.PostAsync("/auth/login", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
