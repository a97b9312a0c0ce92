using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Access;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// The real dashboard on a real port (Kestrel on <paramref name="address"/>, port chosen by the system), configured
/// with collector-fed hosts, each with a random token; and the settings a collector needs to report as one of them.
/// </summary>
public sealed class CollectorTestApp : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = [];

    public CollectorTestApp(IEnumerable<string> collectorIds, IPAddress address, IReadOnlyDictionary<string, string?>? extra = null,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? listen = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        var i = 0;
        foreach (var id in collectorIds)
        {
            var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            _tokens[id] = token;
            settings[$"NetDashboard:Collectors:{i}:Id"] = id;
            settings[$"NetDashboard:Collectors:{i}:TokenHash"] = TokenHashes.HexOf(token);
            i++;
        }
        App = new DashboardFactory(settings);
        App.UseKestrel(o => o.Listen(address, 0, l => listen?.Invoke(l)));
        App.StartServer();
        var bound = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(bound);
    }

    public DashboardFactory App { get; }

    /// <summary>The dashboard's URL as a collector reaches it.</summary>
    public Uri BaseAddress { get; }

    public string TokenOf(string id) => _tokens[id];

    /// <summary>A collector's settings for host <paramref name="id"/> (its token unless <paramref name="token"/> says otherwise).</summary>
    public Dictionary<string, string> CollectorSettings(string id, string? token = null, string? daemon = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["NetDashboard:Collector:Dashboard"] = BaseAddress.ToString(),
            ["NetDashboard:Collector:Token"] = token ?? _tokens[id],
            ["NetDashboard:Collector:HostId"] = id,
            ["NetDashboard:Collector:MaxRetrySeconds"] = "1",
            ["NetDashboard:MaxRetrySeconds"] = "1",
            ["NetDashboard:ResyncSeconds"] = "300",
            ["NetDashboard:History:Enabled"] = "false",
        };
        if (daemon is not null)
        {
            settings["NetDashboard:Hosts:0:Id"] = id;
            settings["NetDashboard:Hosts:0:Endpoint"] = daemon;
        }
        return settings;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
