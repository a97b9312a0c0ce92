namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard:Features</c> section: what the dashboard may do beyond reading.</summary>
public sealed class FeaturesOptions
{
    public const string SectionName = "NetDashboard:Features";

    /// <summary>
    /// <c>true</c> enables the management routes (create, remove, connect, disconnect networks) and the UI's write
    /// actions, for signed-in operators only. Off by default: then none of them exists.
    /// </summary>
    public bool Write { get; set; }
}

/// <summary>The <c>NetDashboard:Auth</c> section: who may sign in, with which role, and whether reading needs it.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "NetDashboard:Auth";

    /// <summary>Local users: a name, a password hash made by <c>dotnet NetDashboard.dll hash-password</c>, a role.</summary>
    public List<LocalUserOptions> Users { get; set; } = [];

    /// <summary>API tokens for scripts (<c>Authorization: Bearer</c>), kept as their SHA-256 only.</summary>
    public List<ApiTokenOptions> Tokens { get; set; } = [];

    /// <summary>OpenID Connect sign-in; off while <see cref="OidcOptions.Authority"/> is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary><c>true</c>: every page, API route, the hub and the exports need a signed-in user or a token.</summary>
    public bool RequireSignInToView { get; set; }

    /// <summary>True when anyone at all can sign in: a local user, an API token or an OpenID Connect provider.</summary>
    public bool HasIdentities => Users.Count > 0 || Tokens.Count > 0 || Oidc.IsConfigured;
}

public sealed class LocalUserOptions
{
    public string? Name { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (base64).</summary>
    public string? PasswordHash { get; set; }

    /// <summary><c>viewer</c> or <c>operator</c>.</summary>
    public string? Role { get; set; }
}

public sealed class ApiTokenOptions
{
    public string? Name { get; set; }

    /// <summary>The lowercase hex SHA-256 of the token (<c>printf %s TOKEN | sha256sum</c>).</summary>
    public string? Sha256 { get; set; }

    /// <summary><c>viewer</c> or <c>operator</c>.</summary>
    public string? Role { get; set; }
}

public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL (its discovery document is at <c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user's role or groups.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Values of <see cref="RoleClaim"/> that make an operator; everyone else signed in is a viewer.</summary>
    public List<string> OperatorValues { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
