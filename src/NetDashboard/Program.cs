using NetDashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddNetDashboard(args);

var app = builder.Build();
app.UseNetDashboard();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
