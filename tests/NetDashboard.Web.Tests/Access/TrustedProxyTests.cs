using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Access;

namespace NetDashboard.Web.Tests.Access;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. With the proxy listed in
/// NetDashboard:TrustedProxies the client address it forwards is the one the sign-in limit counts; without, everyone
/// behind it shares one limit, and a client's own X-Forwarded-For is never believed.
/// </summary>
public sealed class TrustedProxyTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.0/8", false)]
    [InlineData(null, true)]
    public async Task The_sign_in_limit_counts_the_client_the_trusted_proxy_forwards(string? trusted, bool sharedLimit)
    {
        await using var app = new AccessApp(requireSignInToView: false,
            trusted is null ? null : new Dictionary<string, string?> { ["NetDashboard:TrustedProxies:0"] = trusted },
            services => services.AddSingleton<IStartupFilter, FromTheProxy>());
        using var first = Behind(app, "10.231.99.1");
        for (var i = 0; i < AccessServiceCollectionExtensions.LoginAttemptsPerMinute; i++)
        {
            using var wrong = await AccessApp.SignInAsync(first, $"name{i}", "wrong password"); // one try per name: no name lockout
            Assert.Equal("/login?error=wrong", wrong.Headers.Location?.OriginalString);
        }
        using (var busy = await AccessApp.SignInAsync(first, "another", "wrong password"))
        {
            Assert.Equal("/login?error=busy", busy.Headers.Location?.OriginalString);
        }

        using var second = Behind(app, "10.231.99.2");
        using var other = await AccessApp.SignInAsync(second, "victor", AccessApp.Password);
        Assert.Equal(sharedLimit ? "/login?error=busy" : "/", other.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_or_a_network_stops_the_start_with_a_sentence()
    {
        await using var app = new AccessApp(requireSignInToView: false, new Dictionary<string, string?> { ["NetDashboard:TrustedProxies:0"] = "haproxy.local" });
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("NetDashboard:TrustedProxies: 'haproxy.local' is neither an address (10.0.0.5) nor a network (10.0.0.0/24).", error.ToString());
    }

    private static HttpClient Behind(AccessApp app, string client)
    {
        var http = app.Client();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http;
    }

    /// <summary>Every request arrives from 127.0.0.1, as it does from a proxy on the same machine (the test server has no peer).</summary>
    private sealed class FromTheProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following();
            });
            next(app);
        };
    }
}
