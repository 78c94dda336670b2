using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

public static class SecurityExtensions
{
    public const string IngestPolicy = "ingest";
    public const string ViewerPolicy = "viewer";
    public const string AnalystPolicy = "analyst";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddKeySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection("HotSpots:Security"));
        services.AddSingleton<GeneratedKeys>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>>(sp => sp.GetRequiredService<GeneratedKeys>());
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(IngestPolicy, p => p.RequireRole(Roles.Ingest))
            .AddPolicy(ViewerPolicy, p => p.RequireRole(Roles.Viewer))
            .AddPolicy(AnalystPolicy, p => p.RequireRole(Roles.Analyst))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return services;
    }
}
