using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Security;

/// <summary>
/// The embed token is a secret: wikis carry it in their URLs, so whoever reads the dashboard's log must not find it there,
/// even with every category (ASP.NET Core's request logging included) turned up to Trace.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class SecretLogTests
{
    private const string Token = "s3cret-embed-token-0123456789";

    [Fact]
    public async Task The_embed_token_never_reaches_the_log_at_any_level()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Embed:Token"] = Token,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        })
        {
            TestServices = s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)),
        };
        using var client = app.CreateClient();
        foreach (var path in new[]
                 {
                     $"/embed?token={Token}", $"/api/topology/export?format=svg&token={Token}", $"/api/topology/export?format=json&token={Token}x",
                     $"/embed?theme=dark&token={Token}&legend=0",
                 })
        {
            using var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"GET {path}: {(int)response.StatusCode}");
        }

        // ASP.NET Core's logging below the request lines ran and named the requests (by path).
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) && e.Message.Contains("/embed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Token, StringComparison.Ordinal));
    }
}
