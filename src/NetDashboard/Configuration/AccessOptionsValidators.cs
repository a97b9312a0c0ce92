using Microsoft.Extensions.Options;
using NetDashboard.Access;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:Auth</c> section at start-up, every problem at once, naming the key.</summary>
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{AuthOptions.SectionName}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                errors.Add($"{key}:Name is empty: every user needs a name to sign in with.");
            }
            else if (!names.Add(user.Name.Trim()))
            {
                errors.Add($"{key}:Name '{user.Name}' is used by another user too: names must be unique.");
            }
            if (!PasswordHashes.IsWellFormed(user.PasswordHash))
            {
                errors.Add($"{key}:PasswordHash is not a password hash: make one with `dotnet NetDashboard.dll hash-password` (it reads the password from standard input).");
            }
            CheckRole(errors, $"{key}:Role", user.Role);
        }
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var key = $"{AuthOptions.SectionName}:Tokens:{i}";
            if (string.IsNullOrWhiteSpace(token.Name))
            {
                errors.Add($"{key}:Name is empty: every token needs a name (the audit log shows it).");
            }
            if (!TokenHashes.IsWellFormed(token.Sha256))
            {
                errors.Add($"{key}:Sha256 is not a SHA-256: give the token's 64 lowercase hex digits ({TokenHashes.HowToMake}).");
            }
            CheckRole(errors, $"{key}:Role", token.Role);
        }
        var oidc = options.Oidc;
        if (oidc.IsConfigured)
        {
            var key = $"{AuthOptions.SectionName}:Oidc";
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")
                || (authority.Scheme == "http" && !authority.IsLoopback))
            {
                errors.Add($"{key}:Authority '{oidc.Authority}' is not an https:// URL (plain http is accepted on loopback only).");
            }
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                errors.Add($"{key}:ClientId is empty: the provider knows this dashboard by its client id.");
            }
            if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
            {
                errors.Add($"{key}:RoleClaim is empty: name the claim that says who is an operator.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRole(List<string> errors, string key, string? role)
    {
        if (!AccessRoles.IsKnown(role))
        {
            errors.Add($"{key} '{role}' is not a role: use {AccessRoles.Viewer} or {AccessRoles.Operator}.");
        }
    }
}

/// <summary>
/// Checks the <c>NetDashboard:Features</c> section: writes turned on with nobody able to sign in would leave them on
/// for no one, so the app refuses to start and says how to add an identity.
/// </summary>
public sealed class FeaturesOptionsValidator(IConfiguration configuration) : IValidateOptions<FeaturesOptions>
{
    public ValidateOptionsResult Validate(string? name, FeaturesOptions options)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (options.Write && !auth.HasIdentities)
        {
            return ValidateOptionsResult.Fail(
                $"{FeaturesOptions.SectionName}:Write is true but nobody can sign in: add a user ({AuthOptions.SectionName}:Users:0:Name, :PasswordHash, :Role), " +
                $"an API token ({AuthOptions.SectionName}:Tokens:0:…) or an OpenID Connect provider ({AuthOptions.SectionName}:Oidc:Authority).");
        }
        return ValidateOptionsResult.Success;
    }
}
