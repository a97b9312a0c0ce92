using NetDashboard.Configuration;

namespace NetDashboard.Web.Tests.Faults;

/// <summary><c>NetDashboard:ConnectTimeoutSeconds</c>: how long a daemon's first answer may take, checked at start-up.</summary>
public sealed class ConnectTimeoutOptionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(0.05)]
    [InlineData(-1)]
    [InlineData(61)]
    [InlineData(double.NaN)]
    public void ConnectTimeoutSeconds_outside_0_1_to_60_is_refused_naming_its_key(double seconds)
    {
        var result = new NetDashboardOptionsValidator().Validate(null, new NetDashboardOptions { ConnectTimeoutSeconds = seconds });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("NetDashboard:ConnectTimeoutSeconds must be between 0.1 and 60 seconds (got ", failure);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(2)]
    [InlineData(60)]
    public void ConnectTimeoutSeconds_from_0_1_to_60_is_accepted(double seconds) =>
        Assert.True(new NetDashboardOptionsValidator().Validate(null, new NetDashboardOptions { ConnectTimeoutSeconds = seconds }).Succeeded);

    [Fact]
    public void The_default_is_10_s() => Assert.Equal(10, new NetDashboardOptions().ConnectTimeoutSeconds);
}
