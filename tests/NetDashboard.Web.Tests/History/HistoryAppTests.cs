using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetDashboard.Api;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.History;

/// <summary>How the app runs its history: unavailable without harm, turned off, and fed by the demo daemon.</summary>
public sealed class HistoryAppTests
{
    [Fact]
    public async Task A_database_that_cannot_be_opened_leaves_the_dashboard_running_and_says_why()
    {
        var file = Path.GetTempFileName(); // a file where the database's folder should be
        try
        {
            await using var app = new DashboardFactory(new Dictionary<string, string?>
            {
                ["NetDashboard:Source"] = "Demo",
                ["NetDashboard:History:DatabasePath"] = Path.Combine(file, "history.db"),
            });
            var http = app.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/topology")).StatusCode);
            var status = await http.GetFromJsonAsync<HistoryStatusResponse>("/api/history", TopologyJson.Options);
            Assert.Equal(HistoryAvailability.Unavailable, status!.Status);
            Assert.Contains("cannot be created", status.Reason);
            using var refused = await http.GetAsync("/api/history/containers/web");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(status.Reason, problem.RootElement.GetProperty("detail").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task History_can_be_turned_off()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo",
            ["NetDashboard:History:Enabled"] = "false",
        });
        var status = await app.CreateClient().GetFromJsonAsync<HistoryStatusResponse>("/api/history", TopologyJson.Options);
        Assert.Equal(HistoryAvailability.Disabled, status!.Status);
        Assert.Null(status.DatabasePath);
    }

    [Fact]
    public async Task Invalid_history_settings_stop_the_app_naming_each_key()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo",
            ["NetDashboard:History:RetentionDays"] = "0",
            ["NetDashboard:History:DatabasePath"] = Path.GetTempPath().TrimEnd('/'),
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var text = error.ToString();
        Assert.Contains("NetDashboard:History:RetentionDays must be between 1 and 3650 days (got 0).", text);
        Assert.Contains("NetDashboard:History:DatabasePath", text);
        Assert.Contains("is a folder", text);
    }

    [Fact]
    public async Task The_demo_records_a_timeline_with_the_workers_ip_change()
    {
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo",
            ["NetDashboard:DemoIntervalSeconds"] = "0.2",
        });
        var history = new HistoryClient(app.CreateClient());

        // Both the change and the two rows it is made of (the rows are written by the history's own queue).
        var worker = await history.WaitForContainerAsync("worker", h => h.IpChanges.Count > 0 && h.Assignments.Count >= 2, "the demo worker's IP change", TimeSpan.FromSeconds(15));

        Assert.True(worker.Assignments.Count >= 2);
        Assert.Contains(worker.Events, e => e.Kind == "container-start" && e.Source == "live");
        var status = await history.Http.GetFromJsonAsync<HistoryStatusResponse>("/api/history", TopologyJson.Options);
        Assert.EndsWith("history-demo.db", status!.DatabasePath);
    }
}
