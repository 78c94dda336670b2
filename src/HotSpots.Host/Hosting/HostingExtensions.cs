using System.Text.Json;
using System.Text.Json.Serialization;
using HotSpots.Application.Areas;
using HotSpots.Geography;
using HotSpots.Host.Demo;
using HotSpots.Host.Endpoints;
using HotSpots.Host.Live;
using HotSpots.Host.Security;
using HotSpots.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Hosting;

public static class HostingExtensions
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Behind a TLS-terminating proxy (on loopback by default) the request counts as HTTPS, so cookies are Secure.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        // A body or query value that does not bind is answered 400 with what did not bind, not a bare "Bad Request".
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            o.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
                context.ProblemDetails.Detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        });
        services.AddApiDocumentation();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A key given twice leaves which value counts to the parser; refused (400) as the hand-read bodies are.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddSingleton<AreaGeoJson>();
        services.AddSingleton<GeographyEditor>();
        return services;
    }

    public static IServiceCollection AddLiveHeat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("HotSpots:Live"));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<HeatSubscriptions>();
        services.AddHostedService<HeatBroadcaster>();
        return services;
    }

    public static IServiceCollection AddDemoFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("HotSpots:Demo"));
        services.AddSingleton<DemoFeed>();
        services.AddClusterDuty<DemoFeed>(DemoFeed.Source);
        return services;
    }

    /// <summary>Once listening, tells the person who started the service where to go and which keys to use.</summary>
    public static WebApplication PrintStartBanner(this WebApplication app)
    {
        // Resolved before listening, so misconfigured users stop the service at start with the reason.
        var users = app.Services.GetRequiredService<UserDirectory>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var geography = app.Services.GetRequiredService<ICurrentGeography>().Geography;
            var generated = app.Services.GetRequiredService<GeneratedKeys>();
            // Generated keys exist only once the security options have been built; build them now if no request has.
            _ = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
            var url = addresses.FirstOrDefault() ?? "(no address)";
            Console.WriteLine();
            Console.WriteLine($"HotSpots listening on {url}");
            Console.WriteLine($"  Dashboard: {url}/");
            if (users.OneTimePassword is { } oneTime)
                Console.WriteLine($"  First admin: sign in as '{UserDirectory.FirstAdminName}' with the one-time password {oneTime} (you will choose a new one)");
            else if (users.Find(UserDirectory.FirstAdminName) is { MustChangePassword: true })
                Console.WriteLine($"  First admin: '{UserDirectory.FirstAdminName}' still has the one-time password printed when it was made (delete {users.FirstAdminPath} for a new one)");
            if (generated.ViewerKey is { } viewer) Console.WriteLine($"  Viewer key (Bearer, for scripts reading the API): {viewer}");
            if (generated.IngestKey is { } ingest) Console.WriteLine($"  Ingest key (X-Api-Key for POST /api/incidents): {ingest}");
            if (generated.AdminKey is { } admin) Console.WriteLine($"  Admin key (Bearer, for drills): {admin}");
            var storePath = app.Services.GetRequiredService<StoreDescription>().Text;
            Console.WriteLine(app.Services.GetRequiredService<IIncidentStore>().Purpose == StorePurpose.Replay
                ? $"  Store: {storePath} (REPLAY - this server shows replayed incidents only)"
                : $"  Store: {storePath}");
            Console.WriteLine($"  Geography: {geography.Mode} - {geography.Note}");
            var geographyOptions = app.Services.GetRequiredService<IOptions<GeographyOptions>>().Value;
            foreach (var (kind, files) in new[] { ("Ward files", geographyOptions.Wards.Files), ("Zone files", geographyOptions.Zones.Files) })
            {
                if (files.Count > 0) Console.WriteLine($"  {kind}: {FileList(files)}");
            }
            if (DemoFeed.IsEnabled(app.Services.GetRequiredService<IOptions<DemoOptions>>().Value, geography, app.Services.GetRequiredService<IIncidentStore>()))
                Console.WriteLine("  Demo feed: on (source 'demo-feed'; HotSpots:Demo:Feed=false turns it off)");
            Console.WriteLine();
        });
        return app;
    }

    /// <summary>Files by folder, so fourteen authorities' boundaries read as one line: "folder: a, b, ..."; folders apart by "; ".</summary>
    internal static string FileList(IEnumerable<string> files) => string.Join("; ", files
        .Select(Path.GetFullPath)
        .GroupBy(Path.GetDirectoryName)
        .Select(folder => $"{folder.Key}: {string.Join(", ", folder.Select(Path.GetFileName))}"));
}
