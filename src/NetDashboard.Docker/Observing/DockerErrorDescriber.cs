using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using NetDashboard.Docker.Connection;

namespace NetDashboard.Docker.Observing;

/// <summary>Turns what went wrong talking to a daemon into one human sentence (the daemon's own words where it had any).</summary>
internal static class DockerErrorDescriber
{
    public static string Describe(Exception ex, DockerEndpoint endpoint)
    {
        var at = endpoint.ToString();
        switch (ex)
        {
            case DockerApiException api:
                return $"The Docker daemon at {at} refused the request ({(int)api.StatusCode} {api.StatusCode}): {DaemonMessage(api.ResponseBody) ?? api.Message}";
            case DockerNegotiationException negotiation:
                return $"The Docker daemon at {at} and this dashboard share no API version: {negotiation.Message}";
            case EventStreamEndedException:
                return $"The Docker daemon at {at} closed its event stream: it stopped or restarted.";
            case TimeoutException or TaskCanceledException or OperationCanceledException:
                return $"The Docker daemon at {at} did not answer in time.";
        }
        if (Find<SocketException>(ex) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported when endpoint.IsLocalSocket =>
                    $"Cannot connect to the Docker daemon at {at}: the socket does not exist. Is dockerd running?",
                SocketError.ConnectionRefused =>
                    $"Cannot connect to the Docker daemon at {at}: connection refused. Is dockerd running?",
                SocketError.AccessDenied =>
                    $"Cannot connect to the Docker daemon at {at}: permission denied. Give the dashboard the socket's group (docker run --group-add $(stat -c %g /var/run/docker.sock)).",
                SocketError.HostNotFound or SocketError.NoData =>
                    $"Cannot connect to the Docker daemon at {at}: the host name does not resolve.",
                SocketError.TimedOut =>
                    $"Cannot connect to the Docker daemon at {at}: the connection timed out.",
                _ => $"Cannot connect to the Docker daemon at {at}: {socket.Message.TrimEnd('.')}.",
            };
        }
        if (Find<UnauthorizedAccessException>(ex) is not null)
        {
            return $"Cannot connect to the Docker daemon at {at}: permission denied.";
        }
        if (Find<HttpRequestException>(ex) is { } http)
        {
            return $"The connection to the Docker daemon at {at} failed: {http.Message.TrimEnd('.')}.";
        }
        if (Find<IOException>(ex) is { } io)
        {
            return $"The connection to the Docker daemon at {at} was lost: {io.Message.TrimEnd('.')}.";
        }
        return $"The Docker daemon at {at} could not be read: {ex.Message.TrimEnd('.')}.";
    }

    /// <summary>The daemon's JSON error body is <c>{"message": "…"}</c>.</summary>
    public static string? DaemonMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : body.Trim();
        }
        catch (JsonException)
        {
            return body.Trim();
        }
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T t)
            {
                return t;
            }
            if (ex is AggregateException agg && agg.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null) is { } inner)
            {
                return inner;
            }
        }
        return null;
    }
}

/// <summary>The daemon ended the event stream (it stopped, restarted, or the connection dropped).</summary>
internal sealed class EventStreamEndedException(string message, Exception? inner = null) : Exception(message, inner);
