using HotSpots.Geography;
using HotSpots.Host.Alerts;
using HotSpots.Host.Endpoints;
using HotSpots.Host.Hosting;
using HotSpots.Host.Live;
using HotSpots.Host.Security;
using HotSpots.Store;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

// A mistyped boundary path is the newcomer's commonest error: one line naming the file and where it was looked for.
if (builder.Configuration.GetSection("HotSpots:Geography").Get<GeographyOptions>()?.MissingFiles() is [_, ..] missing)
{
    foreach (var file in missing)
        Console.Error.WriteLine($"HotSpots cannot start: boundary file {file} does not exist (looked for {Path.GetFullPath(file)}).");
    return 2;
}

var role = builder.AddClusterNode();
builder.AddTelemetry();
builder.Services
    .AddApiConventions()
    .AddRequestLimits(builder.Configuration)
    .AddSecurity(builder.Configuration)
    .AddGeography(builder.Configuration)
    .AddIncidentStore(builder.Configuration)
    .AddStorageHealth()
    .AddMonitors(builder.Configuration, role)
    .AddDrills(builder.Configuration)
    .AddAlerts(builder.Configuration)
    .AddLiveHeat(builder.Configuration)
    .AddDashboard(builder.Configuration)
    .AddDemoFeed(builder.Configuration)
    .AddClusterDuties(role);

var app = builder.Build();

app.UseForwardedHeaders();
app.UseMiddleware<RequestForgeryGuard>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDashboard();
app.UseAuthentication();
app.UseAuthorization();

app.MapApiDocumentation();
app.MapHealth();
app.MapAccountEndpoints();
app.MapDashboardEndpoints();
app.MapIncidentEndpoints();
app.MapReadingEndpoints();
app.MapGridEndpoints();
app.MapDrillEndpoints();
app.MapAlertEndpoints();
app.MapOperationEndpoints();
app.MapReportEndpoints();
app.MapHub<HeatHub>("/hubs/heat");
if (role == NodeRole.Silo) app.MapSiloDashboard(SecurityExtensions.AdminPolicy);

app.PrintStartBanner();
// A store that is held by another server, damaged or not writable, or a geography that cannot be read, stops the start
// with one line naming the file (found by the start-up steps, before the silo and Kestrel start), not a stack trace.
try
{
    app.Run();
}
catch (Exception refused) when (refused is StoreUnavailableException or GeographyException)
{
    Console.Error.WriteLine($"HotSpots cannot start: {refused.Message}");
    return 2;
}
return 0;

public partial class Program;
