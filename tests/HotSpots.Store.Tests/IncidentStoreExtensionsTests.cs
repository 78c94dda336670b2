using HotSpots.Domain.Incidents;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests;

public sealed class IncidentStoreExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    private static Incident Incident(int i) =>
        new("essex-police", $"r{i}", Category.AntiSocialBehaviour, OccurredAt.Exact(new DateTimeOffset(2026, 11, 20, 22, 15, 0, TimeSpan.Zero)), 51.4757, 0.3217, null);

    [Fact]
    public async Task The_log_after_a_position_comes_in_pages_in_order_and_ends_with_the_short_one()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("hotspots.db") }, _time);
        var appended = (await store.AppendAsync([.. Enumerable.Range(0, 12).Select(Incident)])).Appended;

        var pages = new List<IReadOnlyList<LoggedIncident>>();
        await foreach (var page in store.PagesAfterAsync(appended[1].Sequence, 4)) pages.Add(page);

        Assert.Equal([4, 4, 2], pages.Select(p => p.Count));
        Assert.Equal(appended.Skip(2).Select(l => l.Sequence), pages.SelectMany(p => p).Select(l => l.Sequence));
    }

    [Fact]
    public async Task A_log_that_ends_on_a_whole_page_ends_with_the_empty_read_after_it()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("hotspots.db") }, _time);
        await store.AppendAsync([.. Enumerable.Range(0, 8).Select(Incident)]);

        var pages = new List<IReadOnlyList<LoggedIncident>>();
        await foreach (var page in store.PagesAfterAsync(0, 4)) pages.Add(page);

        Assert.Equal([4, 4], pages.Select(p => p.Count));
    }

    public void Dispose() => _dir.Dispose();
}
