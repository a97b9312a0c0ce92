using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Embed</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class EmbedOptionsValidator : IValidateOptions<EmbedOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbedOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery is not ("/" or ""))
            {
                errors.Add($"NetDashboard:Embed:AllowedOrigins:{i} '{origin}' is not an origin: use scheme://host[:port], e.g. https://wiki.example.com.");
            }
        }
        if (options.Token is { Length: > 0 and < 16 })
        {
            errors.Add("NetDashboard:Embed:Token is too short to be a secret: use at least 16 characters.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
