using System.Diagnostics.Metrics;
using HotSpots.Application.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace HotSpots.Cli;

/// <summary>
/// An import's rows and duration (<see cref="HotSpotsMetrics"/>), pushed over OTLP to the collector of
/// <c>HotSpots:Telemetry:OtlpEndpoint</c>, as the server's traces are: the tool is not scraped as a server is, and it
/// ends with its import, so its figures are pushed as it ends. Without a collector nothing is recorded.
/// </summary>
internal sealed class ImportTelemetry : IDisposable
{
    private readonly ServiceProvider? _meters;
    private readonly MeterProvider? _export;

    public ImportTelemetry(IConfiguration configuration)
    {
        if (configuration.GetValue<Uri?>("HotSpots:Telemetry:OtlpEndpoint") is not { } endpoint) return;
        _export = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("hotspots-import"))
            .AddMeter(HotSpotsMetrics.MeterName)
            .AddOtlpExporter(o => o.Endpoint = endpoint)
            .Build();
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Metrics = new HotSpotsMetrics(_meters.GetRequiredService<IMeterFactory>(), TimeProvider.System);
    }

    public HotSpotsMetrics? Metrics { get; }

    /// <summary>Pushes what was recorded, then lets the meter go.</summary>
    public void Dispose()
    {
        _export?.Dispose();
        _meters?.Dispose();
    }
}
