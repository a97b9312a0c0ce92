using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Container.Tests;

/// <summary>
/// docker-compose.writes.yml on top of docker-compose.yml, as its header tells a user to: the password hash made with
/// the image's own <c>hash-password</c>, the operator signs in, and creates, connects, disconnects and removes a network
/// through the socket proxy — which now passes those four writes and still refuses every other.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed partial class WritesComposeTests(ContainerImages images, ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_writes_variant_lets_a_signed_in_operator_manage_networks_through_the_proxy_and_nothing_more()
    {
        var hash = (await Cli.RunAsync("bash", ["-c", $"printf '%s\\n' '{Password}' | docker run --rm -i --network none {ContainerImages.Dashboard} hash-password"])).Trim();
        Assert.Matches("^[A-Za-z0-9+/=]{40,}$", hash);
        var port = ComposeProject.FreePort();
        await using var compose = new ComposeProject(["docker-compose.yml", "docker-compose.writes.yml"], new Dictionary<string, string>
        {
            ["NETDASHBOARD_IMAGE"] = ContainerImages.Dashboard,
            ["DOCKER_PROXY_IMAGE"] = images.ProxyImage,
            ["NETDASHBOARD_PORT"] = port.ToString(),
            ["NETDASHBOARD_OPERATOR"] = "olga",
            ["NETDASHBOARD_OPERATOR_HASH"] = hash,
        });
        await using var docker = new DockerCli();
        var network = docker.TrackNetwork("compose-made");
        var guest = await docker.RunAsync("compose-guest");
        try
        {
            await compose.UpAsync();
            using var dashboard = new DashboardClient(port);
            await dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            await dashboard.WaitForTopologyAsync(t => DaemonMatch.ContainerProblemAsync(t, guest), TimeSpan.FromSeconds(15));

            using var http = await SignInAsync(port);
            var antiforgery = await AntiforgeryTokenAsync(http);
            async Task<HttpStatusCode> Write(HttpMethod method, string path, object? body)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Add("RequestVerificationToken", antiforgery);
                using var response = await http.SendAsync(request);
                output.WriteLine($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.Created, await Write(HttpMethod.Post, "/api/networks",
                new { name = network, labels = new Dictionary<string, string> { ["netdashboard.test"] = "1" } }));
            Assert.Equal(network, (await docker.InspectAsync(network, network: true)).GetProperty("Name").GetString());
            Assert.Equal(HttpStatusCode.NoContent, await Write(HttpMethod.Post, $"/api/networks/{network}/connect", new { container = guest }));
            Assert.True((await docker.InspectAsync(guest)).GetProperty("NetworkSettings").GetProperty("Networks").TryGetProperty(network, out _));
            Assert.Equal(HttpStatusCode.NoContent, await Write(HttpMethod.Post, $"/api/networks/{network}/disconnect", new { container = guest }));
            Assert.Equal(HttpStatusCode.NoContent, await Write(HttpMethod.Delete, $"/api/networks/{network}", null));
            var (gone, _, _) = await Cli.TryRunAsync("docker", ["network", "inspect", network]);
            Assert.NotEqual(0, gone);

            await AssertProxyPassesOnlyNetworkWritesAsync(await compose.ContainerIdAsync("socket-proxy"), compose.Name, guest);
        }
        finally
        {
            var logs = await Cli.TryRunAsync("docker-compose", ["--ansi", "never", "-p", compose.Name, "logs", "--tail", "20"], null, null, Repo.Root);
            output.WriteLine(logs.Stdout);
        }
    }

    /// <summary>The operator's cookie, from the login form with its antiforgery field, as a browser gets it.</summary>
    private static async Task<HttpClient> SignInAsync(int port)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(20),
        };
        var login = await http.GetStringAsync("/login");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Field(login), ["name"] = "olga", ["password"] = Password };
        using var signedIn = await http.PostAsync("/auth/login", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("/login", signedIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        return http;
    }

    /// <summary>A signed-in page's antiforgery token (its sign-out form), for the header of cookie-authenticated writes.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient http) => Field(await http.GetStringAsync("/networks"));

    private static string Field(string page) =>
        AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field.");

    /// <summary>From the host, straight to the proxy on the project network: the four network writes pass, nothing else.</summary>
    private static async Task AssertProxyPassesOnlyNetworkWritesAsync(string proxy, string project, string container)
    {
        using var proxyClient = await ProxyClient.OpenAsync(proxy, project);
        Task<HttpStatusCode> Status(HttpMethod method, string path) => proxyClient.StatusAsync(method, path);

        // Refused by the proxy (403), never reaching the daemon: a container write, an image pull, a volume, exec.
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, $"/v1.41/containers/{container}/stop"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, "/v1.41/containers/create"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Delete, $"/v1.41/containers/{container}"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, "/v1.41/images/create?fromImage=busybox"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, "/v1.41/volumes/create"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, $"/v1.41/containers/{container}/exec"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, "/v1.41/networks/prune"));
        // Passed to the daemon (its own answer, not the proxy's 403): removing a network that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, await Status(HttpMethod.Delete, "/v1.41/networks/ndt-no-such-network"));
        Assert.Equal("running", (await Cli.DockerAsync("inspect", "-f", "{{.State.Status}}", container)).Trim());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
