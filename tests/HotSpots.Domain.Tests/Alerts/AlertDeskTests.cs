using HotSpots.Domain.Alerts;

namespace HotSpots.Domain.Tests.Alerts;

public sealed class AlertDeskTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly AlertArea Tilbury = new("wards", "E05002247", "Tilbury St Chads");

    private static Evidence Finding(string rule, DetectorMethod method, int observed, bool fires = true, Severity severity = Severity.Medium, double p = 0.01) =>
        new(rule, method, method == DetectorMethod.Threshold ? "24h" : "today", observed, 0.4, method == DetectorMethod.Threshold ? observed : 3.5,
            method == DetectorMethod.Threshold ? 4 : 3, p, fires, severity);

    private static AlertDesk Desk()
    {
        var n = 0;
        return new AlertDesk(new AlertPolicy { CoolDown = TimeSpan.FromHours(6) }, _ => $"A{++n}");
    }

    [Fact]
    public void Findings_for_the_same_area_and_group_join_one_alert_instead_of_raising_more()
    {
        var desk = Desk();

        var raised = desk.Apply(Tilbury, "deliberate-fires", [Finding("fires-24h", DetectorMethod.Threshold, 4)], Nine, 10);
        var again = desk.Apply(Tilbury, "deliberate-fires", [Finding("fires-24h", DetectorMethod.Threshold, 4)], Nine.AddMinutes(5), 11);
        var joined = desk.Apply(Tilbury, "deliberate-fires",
            [Finding("fires-24h", DetectorMethod.Threshold, 5), Finding("fires-c2", DetectorMethod.EarsC2, 5, severity: Severity.High)], Nine.AddMinutes(9), 12);

        Assert.Equal(AlertChangeKind.Raised, raised!.Value.Kind);
        Assert.Null(again);
        Assert.Equal(AlertChangeKind.Updated, joined!.Value.Kind);
        var alert = Assert.Single(desk.Active);
        Assert.Equal(("A1", 10L, 12L), (alert.Id, alert.FirstSequence, alert.LastSequence));
        Assert.Equal(["fires-24h", "fires-c2"], alert.Evidence.Select(e => e.RuleId));
        Assert.Equal(DetectorMethod.EarsC2, alert.Lead.Method);
        Assert.Equal(Severity.High, alert.Severity);
    }

    [Fact]
    public void Changed_figures_update_an_alert_at_most_once_a_minute_but_a_joining_method_at_once()
    {
        var desk = Desk();
        desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine, 1);

        var held = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 7)], Nine.AddSeconds(30), 2);
        var joined = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 7), Finding("asb-cusum", DetectorMethod.Cusum, 7)], Nine.AddSeconds(40), 3);
        var later = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 8), Finding("asb-cusum", DetectorMethod.Cusum, 8)], Nine.AddSeconds(100), 4);

        Assert.Null(held);
        Assert.Equal(AlertChangeKind.Updated, joined!.Value.Kind);
        Assert.Equal(AlertChangeKind.Updated, later!.Value.Kind);
        Assert.Equal(8, later.Value.Alert.Lead.Observed);
    }

    [Fact]
    public void An_alert_resolves_when_no_rule_fires_and_the_cool_down_keeps_it_from_flapping()
    {
        var desk = Desk();
        desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine, 1);

        var resolved = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 2, fires: false)], Nine.AddHours(1), 2);
        var tooSoon = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine.AddHours(6).AddMinutes(59), 3);
        var later = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine.AddHours(7), 4);

        Assert.Equal(AlertChangeKind.Resolved, resolved!.Value.Kind);
        Assert.Equal((AlertStatus.Resolved, Nine.AddHours(1)), (resolved.Value.Alert.Status, resolved.Value.Alert.ResolvedAt));
        Assert.Null(tooSoon);
        Assert.Equal((AlertChangeKind.Raised, "A2"), (later!.Value.Kind, later.Value.Alert.Id));
    }

    [Fact]
    public void A_desk_restored_from_stored_alerts_updates_them_and_respects_their_cool_down()
    {
        var first = Desk();
        var open = first.Apply(Tilbury, "deliberate-fires", [Finding("fires-24h", DetectorMethod.Threshold, 4)], Nine, 1)!.Value.Alert;
        var grays = new AlertArea("wards", "E05002235", "Grays Riverside");
        first.Apply(grays, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine, 2);
        var closed = first.Apply(grays, "asb", [], Nine.AddHours(1), 3)!.Value.Alert;

        var restarted = Desk();
        restarted.Restore(open);
        restarted.Restore(closed);

        Assert.Null(restarted.Apply(Tilbury, "deliberate-fires", [Finding("fires-24h", DetectorMethod.Threshold, 4)], Nine.AddHours(2), 4));
        Assert.Null(restarted.Apply(grays, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine.AddHours(2), 5));
        Assert.Equal(open.Id, Assert.Single(restarted.Active).Id);
    }

    [Fact]
    public void Acknowledging_keeps_an_alert_active_and_resolving_by_hand_starts_the_cool_down()
    {
        var desk = Desk();
        var alert = desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine, 1)!.Value.Alert;

        var acknowledged = desk.Acknowledge(alert.Id, "analyst", "patrol tasked", Nine.AddMinutes(10))!.Value.Alert;
        var resolved = desk.Resolve(alert.Id, "analyst", null, Nine.AddMinutes(30))!.Value.Alert;

        Assert.Equal((AlertStatus.Acknowledged, "analyst", "patrol tasked"), (acknowledged.Status, acknowledged.HandledBy, acknowledged.Note));
        Assert.Equal((AlertStatus.Resolved, "patrol tasked"), (resolved.Status, resolved.Note));
        Assert.Null(desk.Apply(Tilbury, "asb", [Finding("asb-c2", DetectorMethod.EarsC2, 6)], Nine.AddHours(2), 2));
        Assert.Null(desk.Acknowledge("nope", "analyst", null, Nine));
    }

    [Fact]
    public void Every_alert_explains_itself_in_one_sentence()
    {
        var desk = Desk();
        var evidence = new Evidence("fires-c2", DetectorMethod.EarsC2, "24h", 7, 0.4, 6.6, 2.9, 0.0001, true, Severity.High);

        var alert = desk.Apply(Tilbury, "deliberate-fires", [evidence], Nine, 1)!.Value.Alert;

        Assert.Equal("7 deliberate fires in Tilbury St Chads in the last 24 h against about 0.4 expected (EARS C2 6.6, threshold 2.9)", alert.Explanation);
    }
}
