using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the whole <c>NetDashboard</c> section at start-up and reports every problem at once, naming the key.</summary>
public sealed class NetDashboardOptionsValidator : IValidateOptions<NetDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, NetDashboardOptions options)
    {
        var errors = new List<string>();
        if (options.ResyncSeconds is <= 0 or > 86400)
        {
            errors.Add($"NetDashboard:ResyncSeconds must be between 0 and 86400 seconds (got {options.ResyncSeconds}).");
        }
        if (options.MaxRetrySeconds is < 1 or > 3600 || double.IsNaN(options.MaxRetrySeconds))
        {
            errors.Add($"NetDashboard:MaxRetrySeconds must be between 1 and 3600 seconds (got {options.MaxRetrySeconds}).");
        }
        if (options.ConnectTimeoutSeconds is < 0.1 or > 60 || double.IsNaN(options.ConnectTimeoutSeconds))
        {
            errors.Add($"NetDashboard:ConnectTimeoutSeconds must be between 0.1 and 60 seconds (got {options.ConnectTimeoutSeconds}).");
        }
        if (options.DemoIntervalSeconds is <= 0 or > 3600)
        {
            errors.Add($"NetDashboard:DemoIntervalSeconds must be between 0 and 3600 seconds (got {options.DemoIntervalSeconds}).");
        }
        if (options.DemoContainers is < 0 or > 20000)
        {
            errors.Add($"NetDashboard:DemoContainers must be between 0 and 20000 (got {options.DemoContainers}).");
        }
        if (options.DataDirectory is { } data && (string.IsNullOrWhiteSpace(data) || data.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || File.Exists(data)))
        {
            errors.Add($"NetDashboard:DataDirectory '{data}' is not a usable folder path (it is empty, has invalid characters or names a file).");
        }
        foreach (var proxy in options.TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                errors.Add($"NetDashboard:TrustedProxies: '{proxy}' is neither an address (10.0.0.5) nor a network (10.0.0.0/24).");
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Hosts.Count; i++)
        {
            var host = options.Hosts[i];
            if (string.IsNullOrWhiteSpace(host.Id))
            {
                errors.Add($"NetDashboard:Hosts:{i}:Id is required (a short name such as \"local\").");
            }
            else if (!seen.Add(host.Id))
            {
                errors.Add($"NetDashboard:Hosts:{i}:Id '{host.Id}' is used by another host.");
            }
            if (!string.IsNullOrWhiteSpace(host.Endpoint) && !IsSupportedEndpoint(host.Endpoint))
            {
                errors.Add($"NetDashboard:Hosts:{i}:Endpoint '{host.Endpoint}' is not a Docker endpoint: use unix:///path, tcp://host:port, ssh://user@host or npipe://./pipe/name.");
            }
        }
        CheckCollectors(options, seen, errors);
        if (options.CollectorTimeoutSeconds is < 0.5 or > 60 || double.IsNaN(options.CollectorTimeoutSeconds))
        {
            errors.Add($"NetDashboard:CollectorTimeoutSeconds must be between 0.5 and 60 seconds (got {options.CollectorTimeoutSeconds}).");
        }
        CheckCollectorMode(options.Collector, errors);
        if (options.Collector.Enabled && options.Hosts.Count > 1)
        {
            errors.Add($"NetDashboard:Hosts lists {options.Hosts.Count} daemons, but a collector watches one (its own host's): run one collector per host.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCollectors(NetDashboardOptions options, HashSet<string> seen, List<string> errors)
    {
        for (var i = 0; i < options.Collectors.Count; i++)
        {
            var collector = options.Collectors[i];
            var key = $"NetDashboard:Collectors:{i}";
            if (string.IsNullOrWhiteSpace(collector.Id))
            {
                errors.Add($"{key}:Id is required (the host id its collector publishes as).");
            }
            else if (!seen.Add(collector.Id))
            {
                errors.Add($"{key}:Id '{collector.Id}' is used by another host.");
            }
            if (!Access.TokenHashes.IsWellFormed(collector.TokenHash))
            {
                errors.Add($"{key}:TokenHash is not a SHA-256: give the collector token's 64 lowercase hex digits ({Access.TokenHashes.HowToMake}).");
            }
        }
    }

    private static void CheckCollectorMode(CollectorModeOptions collector, List<string> errors)
    {
        if (!collector.Enabled)
        {
            return;
        }
        const string key = "NetDashboard:Collector";
        if (!Uri.TryCreate(collector.Dashboard, UriKind.Absolute, out var dashboard) || dashboard.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}:Dashboard '{collector.Dashboard}' is not the dashboard's http:// or https:// URL.");
        }
        if (string.IsNullOrWhiteSpace(collector.Token) == string.IsNullOrWhiteSpace(collector.TokenFile))
        {
            errors.Add($"{key}:Token and {key}:TokenFile: give exactly one of them (the collector's token, or a file holding it).");
        }
        else if (collector.TokenFile is { Length: > 0 } file && !File.Exists(file))
        {
            errors.Add($"{key}:TokenFile '{file}' does not exist.");
        }
        if (string.IsNullOrWhiteSpace(collector.HostId))
        {
            errors.Add($"{key}:HostId is required: the host id the dashboard knows this collector's token by.");
        }
        if (collector.CaFile is { Length: > 0 } ca && !File.Exists(ca))
        {
            errors.Add($"{key}:CaFile '{ca}' does not exist.");
        }
        if (collector.MaxRetrySeconds is < 0.1 or > 3600 || double.IsNaN(collector.MaxRetrySeconds))
        {
            errors.Add($"{key}:MaxRetrySeconds must be between 0.1 and 3600 seconds (got {collector.MaxRetrySeconds}).");
        }
    }

    private static bool IsSupportedEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "ssh" or "npipe" or "http" or "https";
}
