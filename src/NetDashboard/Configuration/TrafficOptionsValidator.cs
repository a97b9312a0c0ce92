using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Traffic</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class TrafficOptionsValidator : IValidateOptions<TrafficOptions>
{
    public ValidateOptionsResult Validate(string? name, TrafficOptions options)
    {
        var errors = new List<string>();
        if (!(options.IntervalSeconds is >= 0.2 and <= 60))
        {
            errors.Add($"NetDashboard:Traffic:IntervalSeconds is {options.IntervalSeconds}: give 0.2 to 60 seconds between two reads.");
        }
        if (options.MaxFlowsPerHost is < 100 or > 1_000_000)
        {
            errors.Add($"NetDashboard:Traffic:MaxFlowsPerHost is {options.MaxFlowsPerHost}: give 100 to 1000000 connections.");
        }
        if (!(options.KeepEndedMinutes is >= 1 and <= 1440))
        {
            errors.Add($"NetDashboard:Traffic:KeepEndedMinutes is {options.KeepEndedMinutes}: give 1 to 1440 minutes.");
        }
        for (var i = 0; i < options.Hosts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Hosts[i]))
            {
                errors.Add($"NetDashboard:Traffic:Hosts:{i} is empty: name a host by its NetDashboard:Hosts:N:Id (e.g. \"local\").");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
