using System.Security.Cryptography;
using System.Text;

namespace NetDashboard.Access;

/// <summary>
/// The one rule for bearer tokens (API tokens and collector tokens): the dashboard keeps only a token's SHA-256 as 64
/// lowercase hex digits (<c>printf %s TOKEN | sha256sum</c>), and compares a presented token's hash in constant time.
/// </summary>
public static class TokenHashes
{
    /// <summary>How an operator makes the hash, for messages.</summary>
    public const string HowToMake = "printf %s TOKEN | sha256sum";

    /// <summary>The SHA-256 of a presented token (surrounding spaces ignored).</summary>
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    /// <summary>The lowercase hex SHA-256 of a token, as configuration holds it.</summary>
    public static string HexOf(string token) => Convert.ToHexStringLower(Of(token));

    /// <summary>True when <paramref name="hex"/> is 64 lowercase hex digits.</summary>
    public static bool IsWellFormed(string? hex) =>
        hex is { Length: 64 } && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Constant-time comparison of a presented token's hash with a configured hex hash (false when that is malformed).</summary>
    public static bool Matches(byte[] given, string? hex) =>
        IsWellFormed(hex) && CryptographicOperations.FixedTimeEquals(given, Convert.FromHexString(hex!));
}
