using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Replicas</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class ReplicaOptionsValidator : IValidateOptions<ReplicaOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplicaOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled)
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(options.Redis!);
            }
            catch (ArgumentException)
            {
                errors.Add("NetDashboard:Replicas:Redis is not a StackExchange.Redis configuration string: give e.g. \"localhost:6379\" or \"redis1:6379,password=…\".");
            }
        }
        if (!(options.LeaseSeconds is >= 1 and <= 5))
        {
            errors.Add($"NetDashboard:Replicas:LeaseSeconds is {options.LeaseSeconds}: give 1 to 5 seconds.");
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            errors.Add("NetDashboard:Replicas:KeyPrefix must be a word without spaces or braces (default \"netdashboard\").");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
