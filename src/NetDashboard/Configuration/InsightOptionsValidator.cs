using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Insight</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class InsightOptionsValidator : IValidateOptions<InsightOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightOptions options)
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.KernelNatHosts.Count; i++)
        {
            var host = options.KernelNatHosts[i];
            if (string.IsNullOrWhiteSpace(host))
            {
                errors.Add($"NetDashboard:Insight:KernelNatHosts:{i} is empty: name a host by its NetDashboard:Hosts:N:Id (e.g. \"local\").");
            }
            else if (host != host.Trim())
            {
                errors.Add($"NetDashboard:Insight:KernelNatHosts:{i} '{host}' has spaces around it: host ids are compared exactly.");
            }
            else if (!seen.Add(host))
            {
                errors.Add($"NetDashboard:Insight:KernelNatHosts:{i} '{host}' is listed twice.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
