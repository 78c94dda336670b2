using HotSpots.Application.Ingest;

namespace HotSpots.Application.Tests.Ingest;

public class IncidentIngestorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_item_is_accepted_duplicate_or_rejected_and_valid_neighbours_of_bad_items_are_kept()
    {
        await using var h = await Harness.StartAsync(Now);
        var good = Harness.At("ok-1", "anti-social-behaviour", Now.AddMinutes(-5));
        IncidentSubmission?[] items =
        [
            good,
            good,
            good with { Category = "shouting" },
            good with { SourceId = "far", Latitude = 53.0, Longitude = -1.5 },
            good with { SourceId = "future", OccurredAt = "2027-01" },
            good with { SourceId = "naive", OccurredAt = "2026-11-21T10:00:00" },
            good with { SourceId = "both", Easting = 561900, Northing = 177900 },
            good with { SourceId = "none", Latitude = null, Longitude = null },
            good with { SourceId = "lat", Latitude = 123 },
            good with { SourceId = "" },
            good with { Source = "Essex Police" },
            new("ecfrs", "F-1", "deliberate-secondary-fire", "2026-11-21", null, null, 561900, 177900, null),
            null,
        ];

        var results = await h.Ingestor.IngestAsync(items);

        Assert.Equal(
            [IngestStatus.Accepted, IngestStatus.Duplicate, IngestStatus.Rejected, IngestStatus.Rejected, IngestStatus.Rejected,
             IngestStatus.Rejected, IngestStatus.Rejected, IngestStatus.Rejected, IngestStatus.Rejected, IngestStatus.Rejected,
             IngestStatus.Rejected, IngestStatus.Accepted, IngestStatus.Rejected],
            results.Select(r => r.Status));
        Assert.Contains("unknown category 'shouting'", results[2].Reason);
        Assert.Contains("outside every ward", results[3].Reason);
        Assert.Contains("future", results[4].Reason);
        Assert.Contains("offset", results[5].Reason);
        Assert.Contains("not both", results[6].Reason);
        Assert.Contains("location is required", results[7].Reason);
        Assert.Contains("latitude 123", results[8].Reason);
        Assert.Contains("sourceId is required", results[9].Reason);
        Assert.Contains("lower-case", results[10].Reason);
        Assert.Equal("E05002235", results[11].Ward);
        Assert.Equal(["op-grip-grays"], results[0].Zones);
        Assert.Equal(2, await h.Store.CountAsync());
    }

    [Fact]
    public async Task Sending_the_same_batch_again_changes_nothing()
    {
        await using var h = await Harness.StartAsync(Now);
        var batch = Enumerable.Range(0, 50).Select(i => (IncidentSubmission?)Harness.At($"b{i}", "violent-crime", Now.AddHours(-i))).ToList();

        await h.Ingestor.IngestAsync(batch);
        var again = await h.Ingestor.IngestAsync(batch);

        Assert.All(again, r => Assert.Equal(IngestStatus.Duplicate, r.Status));
        Assert.Equal(50, await h.Store.CountAsync());
    }
}
