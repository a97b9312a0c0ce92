using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NetDashboard.Collectors;
using NetDashboard.Configuration;
using NetDashboard.Core.Serialization;

namespace NetDashboard.CollectorMode;

/// <summary>
/// The collector's connection to the dashboard: a SignalR connection over WebSockets to <see cref="CollectorProtocol.Path"/>
/// with the collector's token. On every (re)connect it first sends a full observation (<see cref="CollectorOutbox"/>),
/// then each new one, one at a time, each acknowledged; it beats every <see cref="CollectorProtocol.BeatInterval"/>. A
/// lost, refused or unreachable dashboard is retried with back-off (doubling up to MaxRetrySeconds) and logged as a
/// sentence, once per distinct reason. It answers the dashboard's kernel reads with <paramref name="kernel"/> (none: the
/// dashboard hears that this collector does not answer them).
/// </summary>
public sealed class DashboardLink(CollectorModeOptions options, CollectorOutbox outbox, Action requestResync, TimeProvider time, ILogger logger,
    CollectorKernel? kernel = null)
{
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private readonly Uri _hub = new(new Uri(options.Dashboard!), CollectorProtocol.Path);
    private readonly DashboardTrust _trust = string.IsNullOrWhiteSpace(options.CaFile) ? DashboardTrust.System : DashboardTrust.FromCaFile(options.CaFile);
    private string? _lastReason;
    private volatile bool _connected;

    public bool Connected => _connected;

    /// <summary>Why the last attempt failed, as a sentence; null while connected or before the first attempt.</summary>
    public string? LastError => _lastReason;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = MinRetryDelay;
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetrySeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            var connected = false;
            try
            {
                await RunSessionAsync(() => connected = true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var reason = Describe(ex);
                if (reason != _lastReason)
                {
                    logger.LogWarning("{Reason}", reason);
                }
                _lastReason = reason;
            }
            finally
            {
                _connected = false;
            }
            if (connected)
            {
                delay = MinRetryDelay;
            }
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }

    private async Task RunSessionAsync(Action onConnected, CancellationToken cancellationToken)
    {
        await using var connection = Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetException(error ?? new ConnectionClosedException());
            return Task.CompletedTask;
        };
        connection.On(CollectorProtocol.Resync, requestResync);
        if (kernel is not null)
        {
            // Answered one at a time (the client runs server invocations in order); each read is bounded by the readers' own timeouts.
            connection.On<NatReadRequest, Core.Analysis.NatTableRead>(CollectorProtocol.ReadNat, r => kernel.ReadNatAsync(r, cancellationToken));
            connection.On<TrafficReadRequest, Core.Traffic.TrafficRead>(CollectorProtocol.ReadTraffic, r => kernel.ReadTrafficAsync(r, cancellationToken));
        }
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // A partition drops the SYN silently: bound the attempt so the next one comes soon after the network does.
            connecting.CancelAfter(ConnectTimeout);
            try
            {
                await connection.StartAsync(connecting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException();
            }
        }
        onConnected();
        _connected = true;
        _lastReason = null;
        logger.LogInformation("Connected to the dashboard at {Dashboard} as host {Host}.", options.Dashboard, options.HostId);
        outbox.Reconnected();

        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var beats = BeatAsync(connection, session.Token);
        try
        {
            while (true)
            {
                var next = outbox.NextAsync(session.Token);
                await Task.WhenAny(next, closed.Task);
                if (closed.Task.IsCompleted)
                {
                    await closed.Task; // throws why
                }
                await connection.InvokeAsync(CollectorProtocol.Publish, await next, session.Token);
                outbox.Acknowledge();
            }
        }
        finally
        {
            await session.CancelAsync();
            try
            {
                await beats;
            }
            catch (Exception)
            {
                // The session is over either way.
            }
        }
    }

    private async Task BeatAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CollectorProtocol.BeatInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (connection.State == HubConnectionState.Connected)
            {
                await connection.SendAsync(CollectorProtocol.Beat, cancellationToken);
            }
        }
    }

    private HubConnection Build()
    {
        var token = ReadToken();
        var connection = new HubConnectionBuilder()
            .WithUrl(_hub, HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Headers[CollectorProtocol.HostHeader] = options.HostId!;
                if (_trust.Callback is { } validate)
                {
                    o.HttpMessageHandlerFactory = handler =>
                    {
                        if (handler is HttpClientHandler http)
                        {
                            http.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => validate(request, certificate, chain, errors);
                        }
                        return handler;
                    };
                    o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = validate;
                }
            })
            .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions))
            .Build();
        // The dashboard pings every second; three missed and this side reconnects (a partition ends the session).
        connection.ServerTimeout = TimeSpan.FromSeconds(3);
        connection.KeepAliveInterval = TimeSpan.FromSeconds(1);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(10);
        return connection;
    }

    private string ReadToken() =>
        !string.IsNullOrWhiteSpace(options.Token) ? options.Token.Trim() : CollectorTokenFile.Read(options.TokenFile!, options.HostId!);

    /// <summary>A failure to reach or keep the dashboard, as one sentence (never an exception's text).</summary>
    private string Describe(Exception ex)
    {
        var at = $"The dashboard at {options.Dashboard}";
        return ex switch
        {
            _ when IsUnauthorized(ex) =>
                $"{at} refused this collector (401): it knows no collector for host {options.HostId} with this token. Check NetDashboard:Collector:Token (or TokenFile) and HostId against the dashboard's NetDashboard:Collectors entry.",
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => $"The collector's token file {options.TokenFile} cannot be read; retrying.",
            InvalidDataException => $"The collector's token file {options.TokenFile} holds no line for host {options.HostId} (one token, or lines \"HOSTID TOKEN\"); retrying.",
            HttpRequestException { StatusCode: { } status } =>
                string.Create(CultureInfo.InvariantCulture, $"{at} answered {(int)status} {status} instead of accepting the collector; retrying."),
            HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } or WebSocketException { InnerException.InnerException: System.Security.Authentication.AuthenticationException } =>
                $"{at} presented a TLS certificate this collector does not trust (check NetDashboard:Collector:CaFile and the name in the certificate); retrying.",
            HttpRequestException or WebSocketException or IOException or TimeoutException =>
                $"{at} cannot be reached (the dashboard is down, or the network between is); retrying.",
            ConnectionClosedException => $"The connection to the dashboard at {options.Dashboard} closed; reconnecting.",
            _ => $"The connection to the dashboard at {options.Dashboard} was lost ({ex.GetType().Name}); reconnecting.",
        };
    }

    private static bool IsUnauthorized(Exception ex) =>
        ex is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized }
        || (ex is WebSocketException && ex.Message.Contains("401", StringComparison.Ordinal));

    private sealed class ConnectionClosedException : Exception;
}
