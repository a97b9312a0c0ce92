using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
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
        // Read from the configuration, not the validated options: their validation reports every section's problems at
        // once at start (EarlyOptionsValidation), and a wrong entry here is one of them — skipped meanwhile.
        var proxies = app.Configuration.GetSection($"{NetDashboardOptions.SectionName}:{nameof(NetDashboardOptions.TrustedProxies)}").Get<List<string>>() ?? [];
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
            else if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }
        app.UseForwardedHeaders(options);
        return app;
    }
}
