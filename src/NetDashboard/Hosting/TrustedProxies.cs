using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Hosting;

/// <summary>
/// Behind the reverse proxies listed in <see cref="NetDashboardOptions.TrustedProxies"/> (e.g. the haproxy in front of
/// the replicas), the client's address and scheme are the ones those proxies forward — only theirs, only one hop: a
/// client's own <c>X-Forwarded-For</c> is never believed.
/// </summary>
public static class TrustedProxies
{
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<NetDashboardOptions>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        }
        app.UseForwardedHeaders(options);
        return app;
    }
}
