using Microsoft.AspNetCore.Identity;

namespace NetDashboard.Access;

/// <summary>
/// Password hashes in ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> format (PBKDF2; version 3 by
/// default): made by <c>hash-password</c>, kept in configuration, checked at sign-in.
/// </summary>
public static class PasswordHashes
{
    private static readonly PasswordHasher<object> Hasher = new();

    /// <summary>A hash of a password nobody has: checking it costs what checking a real one does.</summary>
    private static readonly string Decoy = Hasher.HashPassword(new object(), Guid.NewGuid().ToString("N"));

    public static string Hash(string password) => Hasher.HashPassword(new object(), password);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; a missing hash costs the same time and fails.</summary>
    public static bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(new object(), IsWellFormed(hash) ? hash! : Decoy, password);
        return hash is not null && IsWellFormed(hash) && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Base64 of a version 2 (0x00, 49 bytes) or version 3 (0x01, at least 61 bytes) Identity hash.</summary>
    public static bool IsWellFormed(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length))
        {
            return false;
        }
        return (bytes[0], length) switch
        {
            (0x00, 49) => true,
            (0x01, >= 61) => true,
            _ => false,
        };
    }
}
