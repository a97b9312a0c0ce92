using System.Globalization;
using Version = System.Version;

namespace NetDashboard.Docker.Connection;

/// <summary>
/// Picks the API version to speak: the daemon's own version capped at what this client knows, and never below the
/// daemon's minimum (Engine 29 refuses anything under 1.44). Neither Docker.DotNet line negotiates by itself.
/// </summary>
internal static class ApiVersionNegotiation
{
    /// <summary>The newest API the Docker.DotNet.Enhanced models describe (Engine 29.4, API 1.54).</summary>
    public static readonly Version ClientMaximum = new(1, 54);

    /// <summary>The oldest API whose answers this dashboard understands (Engine 20.10).</summary>
    public static readonly Version ClientMinimum = new(1, 41);

    public static Version Negotiate(string? serverApiVersion, string? serverMinApiVersion)
    {
        var server = Parse(serverApiVersion)
                     ?? throw new DockerNegotiationException($"The daemon did not say which API version it speaks (it answered '{NetDashboard.Docker.Observing.DaemonText.OneLine(serverApiVersion, 40)}').");
        var chosen = server < ClientMaximum ? server : ClientMaximum;
        var minimum = Parse(serverMinApiVersion);
        if (minimum is not null && chosen < minimum)
        {
            throw new DockerNegotiationException(
                $"The daemon needs API {minimum} or newer, and this dashboard speaks up to {ClientMaximum}.");
        }
        if (chosen < ClientMinimum)
        {
            throw new DockerNegotiationException(
                $"The daemon speaks API {server}, older than {ClientMinimum} (Docker Engine 20.10), the oldest this dashboard reads.");
        }
        return chosen;
    }

    public static Version? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Version.TryParse(text.Trim(), out var v) ? new Version(v.Major, Math.Max(v.Minor, 0)) : null;

    public static string Format(Version v) => string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}");
}

internal sealed class DockerNegotiationException(string message) : Exception(message);
