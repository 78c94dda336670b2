using System.Diagnostics.Metrics;
using HotSpots.Application.Imports;
using HotSpots.Application.Telemetry;
using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Application.Tests.Imports;

public sealed class ImportMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = [];

    public ImportMetricsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        // Only this test's meter: other tests in the process make HotSpots meters of their own.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name.StartsWith("hotspots.import.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        Metrics = new HotSpotsMetrics(meters, TimeProvider.System);
    }

    private HotSpotsMetrics Metrics { get; }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_measured) _measured.Add((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
    }

    [Fact]
    public async Task An_import_counts_its_rows_by_format_and_outcome_and_records_how_long_it_took()
    {
        await using var h = await Harness.StartAsync(Now);
        var file = _dir.File("2018-01-street.csv");
        await File.WriteAllLinesAsync(file,
        [
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
            "c1,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Burglary,,",
            "c2,2018-01,Essex Police,Essex Police,0.3300,51.4800,On or near High Street,E01015909,Thurrock 016B,Drugs,,",
            "c3,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Vehicle crime,,",
        ]);
        var importer = new IncidentImporter(new StoreSink(h.Store), new ImportContext(LabelMappings.Load(), h.Geography.Wards.Index), Metrics);

        await importer.ImportAsync(new PoliceUkFormat(), [file]);
        await importer.ImportAsync(new PoliceUkFormat(), [file]);

        Assert.Equal(3, Rows("imported"));
        Assert.Equal(3, Rows("duplicate"));
        Assert.Equal(0, Rows("refused"));
        var durations = _measured.Where(m => m.Instrument == "hotspots.import.duration").ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal("police-uk", d.Tags["format"]));
        Assert.All(durations, d => Assert.True(d.Value >= 0));
    }

    private double Rows(string outcome) => _measured
        .Where(m => m.Instrument == "hotspots.import.rows" && Equals(m.Tags["outcome"], outcome) && Equals(m.Tags["format"], "police-uk"))
        .Sum(m => m.Value);

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }
}
