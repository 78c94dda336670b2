using HotSpots.Domain.Alerts;

namespace HotSpots.Store.Tests.Contracts;

/// <summary>What every alert store promises: an alert kept whole (latest state wins), queries, restart loading, rules and dead letters.</summary>
public abstract class AlertStoreContract
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test, opened (again) on the same database; disposing the owner closes it.</summary>
    protected abstract Task<(IAlertStore Store, IAsyncDisposable Owner)> OpenAsync();

    private static Alert Make(string id, string ward, int hours, bool drill = false) => new()
    {
        Id = id,
        Area = new AlertArea("wards", ward, $"Ward {ward}"),
        Group = "asb",
        Evidence = [new Evidence("asb-ears-c2", DetectorMethod.EarsC2, "24h", 9, 2.5, 4.1, 3, 0.0004, true, Severity.High) { DrillOnly = drill }],
        RaisedAt = Raised.AddHours(hours),
        UpdatedAt = Raised.AddHours(hours),
        FirstSequence = 10,
        LastSequence = 12,
    };

    [Fact]
    public async Task An_alert_is_kept_whole_with_its_latest_state_and_a_drill_stays_a_drill()
    {
        var open = Make("a1", "E05002235", 0, drill: true);
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            await store.SaveAsync(open);
            await store.SaveAsync(open with { Status = AlertStatus.Acknowledged, HandledBy = "anil", Note = "patrol sent", UpdatedAt = Raised.AddHours(1) });
        }

        (store, owner) = await OpenAsync();
        await using (owner)
        {
            var stored = await store.GetAsync("a1");
            Assert.NotNull(stored);
            Assert.Equal((AlertStatus.Acknowledged, "anil", "patrol sent"), (stored.Status, stored.HandledBy, stored.Note));
            Assert.Equal(Domain.Incidents.IncidentOrigin.Drill, stored.Origin);
            Assert.Equal(open.Evidence, stored.Evidence);
            Assert.Equal((open.RaisedAt, Raised.AddHours(1)), (stored.RaisedAt, stored.UpdatedAt));
            Assert.Null(await store.GetAsync("nothing"));
        }
    }

    [Fact]
    public async Task Queries_filter_by_status_area_group_and_time_newest_first_and_a_restart_loads_the_active_and_recently_resolved()
    {
        var (store, owner) = await OpenAsync();
        await using var _ = owner;
        await store.SaveAsync(Make("old", "E05002235", 0) with { Status = AlertStatus.Resolved, ResolvedAt = Raised.AddHours(2), UpdatedAt = Raised.AddHours(2) });
        await store.SaveAsync(Make("mid", "E05002236", 5));
        await store.SaveAsync(Make("new", "E05002235", 9));

        Assert.Equal(["new", "mid", "old"], (await store.QueryAsync(new AlertQuery())).Select(a => a.Id));
        Assert.Equal(["new", "mid"], (await store.QueryAsync(new AlertQuery(Status: AlertStatus.Open))).Select(a => a.Id));
        Assert.Equal(["new", "old"], (await store.QueryAsync(new AlertQuery(AreaCode: "E05002235"))).Select(a => a.Id));
        Assert.Equal(["new"], (await store.QueryAsync(new AlertQuery(Since: Raised.AddHours(6)))).Select(a => a.Id));
        Assert.Equal(["new"], (await store.QueryAsync(new AlertQuery(Group: "asb", Limit: 1))).Select(a => a.Id));
        Assert.Empty(await store.QueryAsync(new AlertQuery(Group: "deliberate-fires")));
        Assert.Equal(["mid", "new"], (await store.LoadForRestartAsync(Raised.AddHours(3))).Select(a => a.Id));
        Assert.Equal(["old", "mid", "new"], (await store.LoadForRestartAsync(Raised.AddHours(1))).Select(a => a.Id));
    }

    [Fact]
    public async Task Rule_overrides_and_dead_letters_are_kept()
    {
        var (store, owner) = await OpenAsync();
        await using var _ = owner;
        await store.SaveRuleAsync("asb-ears-c2", """{"threshold":4}""");
        await store.SaveRuleAsync("fires-cusum", null);
        var letter = new DeadLetter("https://partner.example/hook", "alert.raised", "a1", "{}", "503 Service Unavailable", 6, Raised);
        await store.AddDeadLetterAsync(letter);

        var rules = await store.RulesAsync();
        Assert.Equal("""{"threshold":4}""", rules["asb-ears-c2"]);
        Assert.Null(rules["fires-cusum"]);
        Assert.Equal([letter], await store.DeadLettersAsync());
    }
}
