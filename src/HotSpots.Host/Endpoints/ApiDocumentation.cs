using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace HotSpots.Host.Endpoints;

/// <summary>
/// The OpenAPI document and its browsable reference: one tag per feature, the three credentials as security schemes,
/// each operation's role, and the words the query parameters take as enums. Both need a signed-in viewer (or a key):
/// the document lists every endpoint that returns police-sensitive locations.
/// </summary>
public static partial class ApiDocumentation
{
    public const string Account = "Account";
    public const string Dashboard = "Dashboard";
    public const string Incidents = "Incidents";
    public const string Heat = "Heat";
    public const string Drills = "Drills";
    public const string Alerts = "Alerts";
    public const string AlertRules = "Alert rules";
    public const string Geography = "Geography";
    public const string Zones = "Zones";
    public const string Operations = "Operations";
    public const string Patrols = "Patrols";
    public const string WardSets = "Ward sets";
    public const string Reports = "Reports";
    public const string Localities = "Localities";
    public const string MicroPlaces = "Micro-places";

    /// <summary>The ingest key partner systems post incidents and patrols with.</summary>
    public const string IngestKeyScheme = "ingestKey";

    /// <summary>A viewer, analyst or admin key for scripts.</summary>
    public const string BearerScheme = "bearerKey";

    /// <summary>The dashboard's session, from <c>POST /api/account/sign-in</c>.</summary>
    public const string SessionScheme = "session";

    /// <summary>Where the browsable reference is served.</summary>
    public const string ReferencePath = "/api-docs";

    private static readonly (string Name, string Description)[] Tags =
    [
        (Account, "Signing in and out of the dashboard, and who is signed in."),
        (Dashboard, "The dashboard page's own settings."),
        (Incidents, "Incidents in from partner systems: police, fire service and council."),
        (Heat, "Ward and zone boundaries, heat against each area's normal, drill-downs and the service's status."),
        (Drills, "Training drills: tagged incidents that exercise the map and alerts but never a baseline."),
        (Alerts, "Spike alerts: list, acknowledge and resolve; webhook deliveries that failed."),
        (AlertRules, "The rules alerts are raised by."),
        (Geography, "The geography revision stored and applied on this node."),
        (Zones, "Operation zones: versioned shapes, drawn as circles or GeoJSON."),
        (Operations, "Operations over zones, their evaluation (WDD, WDQ, dosage) and evaluation layout."),
        (Patrols, "Patrol visits to zones, posted or imported from a patrol log."),
        (WardSets, "Ward boundary sets that can be chosen, and which is current."),
        (Reports, "Reports for meetings: the board's performance summary of whole months against the months before."),
        (Localities, "Localities: named sets of wards (a Locality Action Group's patch), versioned, that reports are drawn for."),
        (MicroPlaces, "Hot spots below the ward: Getis-Ord Gi* on British National Grid cells, and emerging hot spot patterns over time."),
    ];

    /// <summary>The words each query or route parameter of this name takes.</summary>
    private static readonly Dictionary<string, string[]> Enums = new(StringComparer.Ordinal)
    {
        ["group"] = [.. CategoryGroup.Named.Select(g => g.Slug), .. Categories.All.Select(c => c.Slug())],
        ["window"] = [.. HeatWindow.All.Select(w => w.Slug)],
        ["set"] = [AreaSetKind.Wards.Name(), AreaSetKind.Zones.Name()],
        ["format"] = ["json", "csv"],
        ["status"] = ["open", "acknowledged", "resolved"],
        ["level"] = ["authority", "locality", "ward"],
    };

    private static readonly Dictionary<string, string> RoleOfPolicy = new(StringComparer.Ordinal)
    {
        [SecurityExtensions.IngestPolicy] = Roles.Ingest,
        [SecurityExtensions.ViewerPolicy] = Roles.Viewer,
        [SecurityExtensions.AnalystPolicy] = Roles.Analyst,
        [SecurityExtensions.AdminPolicy] = Roles.Admin,
    };

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "HotSpots API",
                Version = "v1",
                Description = "Real-time crime and anti-social behaviour hot-spot monitoring for a Community Safety Partnership: incidents in " +
                    "from every partner, heat for each ward and operation zone against its own normal, spike alerts, and the evaluation of " +
                    "operations in their zones. Errors are RFC 9457 problem details. Locations are police-sensitive: every operation " +
                    "but sign-in needs a credential, and each says which role.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [IngestKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-Api-Key",
                    Description = "An ingest key, for partner systems posting incidents and patrol visits.",
                },
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A viewer, analyst or admin key, for scripts (Authorization: Bearer KEY); an admin key also has the analyst and viewer roles.",
                },
                [SessionScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "HotSpots.Session",
                    Description = "A person's session, set by POST /api/account/sign-in; the session carries the person's role (viewer, analyst or admin).",
                },
            };
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAllowAnonymous>().Any()
                && metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null && RoleOfPolicy.ContainsKey(p)) is { } policy)
            {
                var role = RoleOfPolicy[policy];
                // OpenAPI 3.1 lets a requirement of a scheme that is not OAuth name the roles it needs.
                operation.Security = role == Roles.Ingest
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(IngestKeyScheme, context.Document)] = [role] }]
                    :
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [role] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [role] },
                    ];
                operation.Description = $"Needs the {role} role{(role == Roles.Ingest ? " (an ingest key)" : " (a key or a session of it, or of a higher role)")}."
                    + (operation.Description is { Length: > 0 } more ? " " + more : "");
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No credential, or one that is not recognised" });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"A credential without the {role} role" });
            }
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && Enums.TryGetValue(name, out var values) && parameter.Schema is OpenApiSchema schema)
                    schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            return Task.CompletedTask;
        });
    });

    /// <summary>The document at <c>/openapi/v1.json</c> and the reference at <see cref="ReferencePath"/>, both for signed-in viewers and keys.</summary>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.Use(AllowReferenceScriptAsync);
        app.MapOpenApi().RequireAuthorization(SecurityExtensions.ViewerPolicy);
        // Nothing about the API leaves the service: no agent, telemetry, hosted fonts or deploy tools (the page's policy
        // would block their requests anyway).
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("HotSpots API")
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableTelemetry()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(SessionScheme, BearerScheme))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy);
        return app;
    }

    /// <summary>
    /// Scalar's page starts itself with an inline script, which the site's policy (no inline script anywhere) blocks;
    /// the page alone is let run exactly the scripts it holds, named by their hashes.
    /// </summary>
    private static async Task AllowReferenceScriptAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(ReferencePath, out var rest) || rest.Value is not (null or "" or "/"))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var hashes = InlineScript().Matches(Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length))
                .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
            context.Response.Headers.ContentSecurityPolicy = $"{context.Response.Headers.ContentSecurityPolicy}; script-src 'self' {string.Join(' ', hashes)}";
        }
        page.Position = 0;
        await page.CopyToAsync(original, context.RequestAborted);
    }

    [GeneratedRegex("<script(?: type=\"module\")?>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
