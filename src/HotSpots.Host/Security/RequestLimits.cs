using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

public static class RequestLimits
{
    /// <summary>
    /// Every request body is bounded (Kestrel's own default is 30 MB everywhere): a caller, signed in or not, can make
    /// the server hold no more than this per request while it is parsed.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RequestLimitsOptions>(configuration.GetSection("HotSpots:Limits"));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>Lets an endpoint that takes batches read up to <see cref="RequestLimitsOptions.MaxBulkRequestBodyBytes"/>.</summary>
    public static TBuilder WithBulkBody<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(app.ServiceProvider.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBulkRequestBodyBytes));

    /// <summary>Routing applies this to the request before the endpoint reads its body.</summary>
    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
