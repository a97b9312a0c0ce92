using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NetDashboard.Access;
using NetDashboard.Configuration;

namespace NetDashboard.Web.Tests.Access;

/// <summary>The Auth and Features sections' checks, and <c>hash-password</c>.</summary>
public sealed class AccessOptionsTests
{
    [Fact]
    public void Writes_on_with_nobody_able_to_sign_in_stop_the_app_with_a_sentence()
    {
        var configuration = new ConfigurationBuilder().Build();
        var result = new FeaturesOptionsValidator(configuration).Validate(null, new FeaturesOptions { Write = true });
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("NetDashboard:Features:Write is true but nobody can sign in: add a user (NetDashboard:Auth:Users:0:Name", failure);

        var withUser = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NetDashboard:Auth:Tokens:0:Name"] = "ci" }).Build();
        Assert.True(new FeaturesOptionsValidator(withUser).Validate(null, new FeaturesOptions { Write = true }).Succeeded);
        Assert.True(new FeaturesOptionsValidator(configuration).Validate(null, new FeaturesOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_of_the_auth_section_is_named_at_once()
    {
        var options = new AuthOptions
        {
            Users = [new() { Name = "a", PasswordHash = "plaintext", Role = "admin" }, new() { Name = "A", PasswordHash = PasswordHashes.Hash("long enough"), Role = "viewer" }],
            Tokens = [new() { Name = "", Sha256 = "ABC", Role = "operator" }],
            Oidc = new() { Authority = "http://idp.example.com", ClientId = "" },
        };
        var failures = new AuthOptionsValidator().Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Auth:Users:0:PasswordHash is not a password hash", StringComparison.Ordinal));
        Assert.Contains("NetDashboard:Auth:Users:0:Role 'admin' is not a role: use viewer or operator.", failures);
        Assert.Contains("NetDashboard:Auth:Users:1:Name 'A' is used by another user too: names must be unique.", failures);
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Auth:Tokens:0:Name is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Auth:Tokens:0:Sha256 is not a SHA-256", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Auth:Oidc:Authority 'http://idp.example.com' is not an https:// URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Auth:Oidc:ClientId is empty", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);
    }

    [Fact]
    public void Hash_password_reads_standard_input_and_prints_a_hash_that_verifies()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, PasswordHashCommand.Run(new StringReader("a long passphrase\n"), output, error));
        var hash = output.ToString().Trim();
        Assert.True(PasswordHashes.IsWellFormed(hash));
        Assert.True(PasswordHashes.Verify(hash, "a long passphrase"));
        Assert.False(PasswordHashes.Verify(hash, "a long passphrasE"));
        Assert.DoesNotContain("a long passphrase", hash);

        Assert.Equal(2, PasswordHashCommand.Run(new StringReader("short\n"), new StringWriter(), error));
        Assert.Contains("shorter than 8 characters", error.ToString());
        Assert.Equal(2, PasswordHashCommand.Run(new StringReader(""), new StringWriter(), error));
    }
}
