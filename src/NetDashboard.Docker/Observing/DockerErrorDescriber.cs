using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using NetDashboard.Docker.Connection;

namespace NetDashboard.Docker.Observing;

/// <summary>Turns what went wrong talking to a daemon into one human sentence (the daemon's own words where it had any).</summary>
internal static class DockerErrorDescriber
{
    /// <remarks>
    /// Never an exception's own text or a type name: the sentence is what a user reads; the exception goes to the log.
    /// Only the daemon's own error message (from its JSON body) is quoted, trimmed to one short line.
    /// </remarks>
    public static string Describe(Exception ex, DockerEndpoint endpoint)
    {
        var at = endpoint.ToString();
        if (endpoint.IsSsh && ex is not DockerApiException && SshRelay.LastErrorOf(endpoint) is { } ssh)
        {
            return $"Cannot reach the Docker daemon at {at} through ssh: {ssh}.";
        }
        switch (ex)
        {
            case DockerApiException api:
                return $"The Docker daemon at {at} refused the request ({(int)api.StatusCode} {api.StatusCode}): {Quote(DaemonMessage(api.ResponseBody)) ?? "it gave no reason"}.";
            case DockerNegotiationException negotiation:
                return $"The Docker daemon at {at} and this dashboard share no API version: {negotiation.Message}";
            case DaemonAnswerException answer:
                return $"The Docker daemon at {at} {answer.Message}.";
            case EventStreamEndedException { InnerException: not null }:
                return $"The Docker daemon at {at} broke off its event stream mid-message: it stopped or restarted, or the connection was lost.";
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
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                    $"The connection to the Docker daemon at {at} was cut: it stopped or restarted.",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable =>
                    $"Cannot connect to the Docker daemon at {at}: the network or host is unreachable.",
                _ => $"Cannot connect to the Docker daemon at {at}: the connection failed.",
            };
        }
        if (Find<UnauthorizedAccessException>(ex) is not null)
        {
            return $"Cannot connect to the Docker daemon at {at}: permission denied.";
        }
        if (Find<JsonException>(ex) is not null)
        {
            return $"The Docker daemon at {at} answered with data this dashboard cannot read (not the JSON the Docker API describes).";
        }
        if (Find<HttpRequestException>(ex) is { } http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => $"The Docker daemon at {at} closed the connection before it answered.",
                HttpRequestError.InvalidResponse => $"The Docker daemon at {at} answered with something that is not HTTP.",
                _ => $"The connection to the Docker daemon at {at} failed.",
            };
        }
        if (Find<IOException>(ex) is not null)
        {
            return $"The connection to the Docker daemon at {at} was lost.";
        }
        return $"The Docker daemon at {at} gave an answer this dashboard could not read.";
    }

    /// <summary>The daemon's own words on one line, at most 300 characters, without a closing full stop; null when it said nothing.</summary>
    private static string? Quote(string? message) => DaemonText.OneLine(message)?.TrimEnd('.');

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

/// <summary>
/// The daemon answered, but not with anything usable (null where a version or a list belongs, or nothing in time):
/// the message completes the sentence "The Docker daemon at X …".
/// </summary>
internal sealed class DaemonAnswerException(string message) : Exception(message);

/// <summary>The daemon ended the event stream (it stopped, restarted, or the connection dropped).</summary>
internal sealed class EventStreamEndedException(string message, Exception? inner = null) : Exception(message, inner);
