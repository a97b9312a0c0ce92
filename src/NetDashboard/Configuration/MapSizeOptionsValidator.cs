using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Map</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class MapSizeOptionsValidator : IValidateOptions<MapSizeOptions>
{
    public ValidateOptionsResult Validate(string? name, MapSizeOptions options)
    {
        var errors = new List<string>();
        if (options.GroupAbove < 0)
        {
            errors.Add($"NetDashboard:Map:GroupAbove is {options.GroupAbove}: use a number of containers, 0 or more (0 groups every map).");
        }
        if (options.TableAbove < 0)
        {
            errors.Add($"NetDashboard:Map:TableAbove is {options.TableAbove}: use a number of containers, 0 or more (0 opens every map as a table).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
