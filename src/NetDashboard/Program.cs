using NetDashboard.Access;
using NetDashboard.CollectorMode;
using NetDashboard.Extensions;
using NetDashboard.Hosting;

// The container's HEALTHCHECK: probe the running app and exit, without starting a second one.
if (args.Contains(HealthProbe.Argument))
{
    return await HealthProbe.RunAsync(args);
}

// Prints the hash of a password read from standard input, for NetDashboard:Auth:Users:N:PasswordHash.
if (args is [PasswordHashCommand.Argument, ..])
{
    return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
}

// The same binary as a collector: watches its local daemon and streams to a dashboard (no UI).
if (args.Contains(CollectorApp.Argument))
{
    return await CollectorApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddNetDashboard(args);

var app = builder.Build();
app.UseNetDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
