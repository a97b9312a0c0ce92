using Microsoft.Extensions.Options;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Configuration;

/// <summary>Invalid settings stop the app at start-up, with every problem of every section listed.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Bad_settings_in_two_sections_stop_the_app_with_both_problems_named()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo", // no daemon needed: the app must not get that far
            ["NetDashboard:MaxRetrySeconds"] = "0",
            ["NetDashboard:Insight:KernelNatHosts:0"] = "local",
            ["NetDashboard:Insight:KernelNatHosts:1"] = "local",
        });

        var thrown = Record.Exception(() => app.CreateClient());

        var failures = Flatten(thrown).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("NetDashboard:MaxRetrySeconds must be between 1 and 3600 seconds (got 0).", failures);
        Assert.Contains(failures, f => f.StartsWith("NetDashboard:Insight:KernelNatHosts:1 'local' is listed twice", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
