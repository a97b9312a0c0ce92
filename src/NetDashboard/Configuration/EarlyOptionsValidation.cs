using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>
/// Runs the start-up validation of every section as the first hosted service is built. The host validates only after
/// it has built all of them, and the monitor reads its options while being built (it creates the observers then): that
/// would report that one section's problems alone instead of every problem at once.
/// </summary>
internal sealed class EarlyOptionsValidation : IHostedService
{
    public EarlyOptionsValidation(IStartupValidator validator) => validator.Validate();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
