using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Web.Tests.Configuration;

/// <summary>Each section's validator on its own: every problem at once, each sentence naming its key.</summary>
public sealed class OptionsValidatorTests
{
    [Fact]
    public void The_defaults_of_every_section_are_valid()
    {
        Assert.True(new NetDashboardOptionsValidator().Validate(null, new NetDashboardOptions()).Succeeded);
        Assert.True(new EmbedOptionsValidator().Validate(null, new EmbedOptions()).Succeeded);
        Assert.True(new HistoryOptionsValidator().Validate(null, new HistoryOptions()).Succeeded);
        Assert.True(new InsightOptionsValidator().Validate(null, new InsightOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(-3)]
    [InlineData(3601)]
    [InlineData(double.NaN)]
    public void MaxRetrySeconds_outside_1_to_3600_is_refused_not_clamped(double seconds)
    {
        var failures = Failures(new NetDashboardOptionsValidator().Validate(null, new NetDashboardOptions { MaxRetrySeconds = seconds }));

        var failure = Assert.Single(failures);
        Assert.StartsWith("NetDashboard:MaxRetrySeconds must be between 1 and 3600 seconds (got ", failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(3600)]
    public void MaxRetrySeconds_from_1_to_3600_is_accepted(double seconds) =>
        Assert.True(new NetDashboardOptionsValidator().Validate(null, new NetDashboardOptions { MaxRetrySeconds = seconds }).Succeeded);

    [Fact]
    public void The_NetDashboard_section_reports_every_problem_at_once()
    {
        var options = new NetDashboardOptions
        {
            ResyncSeconds = 0,
            MaxRetrySeconds = 0,
            DemoIntervalSeconds = 0,
            DemoContainers = -1,
            Hosts = [new DockerHostOptions { Id = "" }, new DockerHostOptions { Id = "a", Endpoint = "ftp://x" }, new DockerHostOptions { Id = "a" }],
        };

        var failures = Failures(new NetDashboardOptionsValidator().Validate(null, options));

        Assert.Equal(
            ["NetDashboard:ResyncSeconds", "NetDashboard:MaxRetrySeconds", "NetDashboard:DemoIntervalSeconds", "NetDashboard:DemoContainers",
             "NetDashboard:Hosts:0:Id", "NetDashboard:Hosts:1:Endpoint", "NetDashboard:Hosts:2:Id"],
            failures.Select(KeyOf));
        Assert.Contains("'a' is used by another host", failures[^1]);
    }

    [Fact]
    public void Collector_fed_hosts_and_the_collector_mode_report_every_problem_at_once()
    {
        var options = new NetDashboardOptions
        {
            Hosts = [new DockerHostOptions { Id = "a" }, new DockerHostOptions { Id = "b" }],
            Collectors = [new CollectorHostOptions { Id = "a", TokenHash = new string('0', 64) }, new CollectorHostOptions { Id = "c", TokenHash = "ABC" }],
            Collector = new CollectorModeOptions { Enabled = true, Dashboard = "dashboard:8080", Token = "t", TokenFile = "/run/secrets/t", CaFile = "/nonexistent/ca.pem" },
        };

        var failures = Failures(new NetDashboardOptionsValidator().Validate(null, options));

        Assert.Equal(
            ["NetDashboard:Collectors:0:Id", "NetDashboard:Collectors:1:TokenHash", "NetDashboard:Collector:Dashboard", "NetDashboard:Collector:Token",
             "NetDashboard:Collector:HostId", "NetDashboard:Collector:CaFile", "NetDashboard:Hosts"],
            failures.Select(KeyOf));
        Assert.Contains("printf %s TOKEN | sha256sum", failures[1]);
        Assert.Contains("give exactly one of them", failures[3]);
        Assert.Contains("a collector watches one", failures[^1]);
    }

    [Fact]
    public void The_Embed_section_names_each_bad_origin_by_index_and_a_short_token()
    {
        var options = new EmbedOptions { AllowedOrigins = ["https://wiki.example.com", "wiki.example.com", "https://x.example/path"], Token = "short" };

        var failures = Failures(new EmbedOptionsValidator().Validate(null, options));

        Assert.Equal(["NetDashboard:Embed:AllowedOrigins:1", "NetDashboard:Embed:AllowedOrigins:2", "NetDashboard:Embed:Token"], failures.Select(KeyOf));
    }

    [Fact]
    public void The_History_section_names_the_retention_and_the_database_path()
    {
        var folder = Directory.CreateTempSubdirectory("nd-history-").FullName;
        try
        {
            Assert.Equal(["NetDashboard:History:RetentionDays", "NetDashboard:History:DatabasePath"],
                Failures(new HistoryOptionsValidator().Validate(null, new HistoryOptions { RetentionDays = 0, DatabasePath = "data/" })).Select(KeyOf));
            var isFolder = Assert.Single(Failures(new HistoryOptionsValidator().Validate(null, new HistoryOptions { DatabasePath = folder })));
            Assert.Contains("is a folder", isFolder);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void The_Insight_section_names_each_empty_padded_or_repeated_kernel_nat_host()
    {
        var options = new InsightOptions { KernelNatHosts = ["local", "", " remote", "local", "   "] };

        var failures = Failures(new InsightOptionsValidator().Validate(null, options));

        Assert.Equal(
            ["NetDashboard:Insight:KernelNatHosts:1", "NetDashboard:Insight:KernelNatHosts:2", "NetDashboard:Insight:KernelNatHosts:3", "NetDashboard:Insight:KernelNatHosts:4"],
            failures.Select(KeyOf));
        Assert.Contains("is empty", failures[0]);
        Assert.Contains("spaces around it", failures[1]);
        Assert.Contains("'local' is listed twice", failures[2]);
    }

    [Fact]
    public void The_Traffic_section_names_every_out_of_range_value_at_once()
    {
        Assert.True(new TrafficOptionsValidator().Validate(null, new TrafficOptions()).Succeeded);
        var options = new TrafficOptions { IntervalSeconds = 0.05, MaxFlowsPerHost = 10, KeepEndedMinutes = 0, Hosts = ["local", " "] };

        var failures = Failures(new TrafficOptionsValidator().Validate(null, options));

        Assert.Equal(
            ["NetDashboard:Traffic:IntervalSeconds", "NetDashboard:Traffic:MaxFlowsPerHost", "NetDashboard:Traffic:KeepEndedMinutes", "NetDashboard:Traffic:Hosts:1"],
            failures.Select(KeyOf));
        Assert.Contains("give 0.2 to 60 seconds", failures[0]);
    }

    [Fact]
    public void A_history_connection_string_that_PostgreSQL_cannot_read_is_named()
    {
        Assert.True(new HistoryOptionsValidator().Validate(null, new HistoryOptions { ConnectionString = "Host=db;Database=nd;Username=nd;Password=x" }).Succeeded);

        var failure = Assert.Single(Failures(new HistoryOptionsValidator().Validate(null, new HistoryOptions { ConnectionString = "Hots=db;Database=nd" })));

        Assert.Equal("NetDashboard:History:ConnectionString", KeyOf(failure));
        Assert.Contains("not a PostgreSQL connection string", failure);
    }

    [Fact]
    public void The_Replicas_section_names_every_bad_value_at_once()
    {
        Assert.True(new ReplicaOptionsValidator().Validate(null, new ReplicaOptions()).Succeeded); // no replicas
        Assert.True(new ReplicaOptionsValidator().Validate(null, new ReplicaOptions { Redis = "127.0.0.1:6379,password=x" }).Succeeded);
        var options = new ReplicaOptions { Redis = "127.0.0.1:6379,nosuchoption=1", LeaseSeconds = 30, KeyPrefix = "a b" };

        var failures = Failures(new ReplicaOptionsValidator().Validate(null, options));

        Assert.Equal(
            ["NetDashboard:Replicas:Redis", "NetDashboard:Replicas:LeaseSeconds", "NetDashboard:Replicas:KeyPrefix"],
            failures.Select(KeyOf));
        Assert.Contains("give 1 to 5 seconds", failures[1]);
    }

    [Fact]
    public void The_Map_section_refuses_negative_sizes_naming_both_keys()
    {
        Assert.True(new MapSizeOptionsValidator().Validate(null, new MapSizeOptions()).Succeeded);
        Assert.True(new MapSizeOptionsValidator().Validate(null, new MapSizeOptions { GroupAbove = 0, TableAbove = 0 }).Succeeded);

        var failures = Failures(new MapSizeOptionsValidator().Validate(null, new MapSizeOptions { GroupAbove = -1, TableAbove = -5 }));

        Assert.Equal(["NetDashboard:Map:GroupAbove", "NetDashboard:Map:TableAbove"], failures.Select(KeyOf));
    }

    private static List<string> Failures(ValidateOptionsResult result)
    {
        Assert.True(result.Failed, "the validator accepted settings it should refuse");
        return [.. result.Failures!];
    }

    /// <summary>Every sentence starts with the key it is about.</summary>
    private static string KeyOf(string failure) => failure.Split(' ', 2)[0];
}
