using HotSpots.Application.Areas;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Areas;

public sealed class LocalityServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteIncidentStore _store = null!;
    private LocalityService _localities = null!;
    private IReadOnlyList<string> _wards = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("h.db") }, _time);
        var catalog = new GeographyCatalog(new SqliteOperationStore(_store), Options.Create(new GeographyOptions()));
        _localities = new LocalityService(new SqliteLocalityStore(_store), catalog);
        _wards = [.. (await catalog.CurrentWardSetAsync()).Wards.Areas.Select(w => w.Code)];
    }

    [Fact]
    public async Task Each_edit_is_a_new_version_on_the_current_ward_set_and_an_edit_that_changes_nothing_adds_none()
    {
        var made = await _localities.PutAsync("grays", "Grays LAG", [_wards[6], _wards[7]], "jo");
        var same = await _localities.PutAsync("grays", " Grays LAG ", [_wards[6], _wards[7]], "sam");
        var grown = await _localities.PutAsync("grays", "Grays LAG", [_wards[6], _wards[7], _wards[9]], "sam");

        Assert.Equal((true, 1, "demo", "jo"), (made.Changed, made.Saved!.Version, made.Saved.WardSet, made.Saved.ChangedBy));
        Assert.Equal((false, 1), (same.Changed, same.Saved!.Version));
        Assert.Equal((true, 2, 3), (grown.Changed, grown.Saved!.Version, grown.Saved.Wards.Count));
        Assert.Equal([1, 2], (await _localities.HistoryAsync("grays")).Select(v => v.Version));
    }

    [Fact]
    public async Task A_retired_locality_leaves_the_list_keeps_its_history_and_can_come_back()
    {
        await _localities.PutAsync("tilbury", "Tilbury LAG", [_wards[17]], "jo");

        var retired = await _localities.RetireAsync("tilbury", "jo");
        var again = await _localities.RetireAsync("tilbury", "jo");

        Assert.True(retired!.Retired);
        Assert.Null(again);
        Assert.Empty(await _localities.ListAsync());
        Assert.Single(await _localities.ListAsync(includeRetired: true));
        var back = await _localities.PutAsync("tilbury", "Tilbury LAG", [_wards[17]], "sam");
        Assert.Equal((3, false), (back.Saved!.Version, back.Saved.Retired));
    }

    [Fact]
    public async Task Every_problem_is_named_by_its_field_and_nothing_is_stored()
    {
        var bad = await _localities.PutAsync("Grays LAG", "", [_wards[0], _wards[0], "E05999999"], "jo");
        var empty = await _localities.PutAsync("grays", "Grays", [], "jo");

        Assert.Equal(["code", "name", "wards", "wards"], bad.Problems.Select(p => p.Field));
        Assert.Contains(bad.Problems, p => p.Message == "not wards of the current ward set (demo): E05999999");
        Assert.Equal("wards", Assert.Single(empty.Problems).Field);
        Assert.Null(await _localities.GetAsync("grays"));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }
}
