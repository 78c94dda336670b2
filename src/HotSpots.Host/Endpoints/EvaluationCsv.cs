using System.Globalization;
using System.Text;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Reports;
using HotSpots.Domain.Evaluation;

namespace HotSpots.Host.Endpoints;

/// <summary>An evaluation as CSV for the meeting pack: a row per zone and comparison (during, and after when there is one).</summary>
public static class EvaluationCsv
{
    public static readonly string[] Header =
    [
        "operation", "group", "zone", "name", "comparison", "before_period", "compared_period", "zone_before", "zone_after", "zone_change_pct",
        "buffer_before", "buffer_after", "buffer_change_pct", "control_before", "control_after", "control_change_pct", "gross_effect",
        "net_effect_pct", "net_low_pct", "net_high_pct", "control_weight", "wdd", "wdd_se", "wdd_z", "wdd_p", "wdq", "wdq_reading", "refused",
        "patrol_hours", "patrol_hours_per_week", "incidents_per_patrol_hour", "share_of_days_dosed", "reading",
    ];

    public static string Write(OperationEvaluation evaluation)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", Header));
        var before = evaluation.Periods.First(p => p.Name == "before");
        foreach (var zone in evaluation.Zones)
        {
            foreach (var comparison in new[] { zone.During, zone.After }.OfType<Comparison>())
            {
                var compared = evaluation.Periods.First(p => p.Name == comparison.Period);
                var dosage = comparison.Period == "during" ? zone.Dosage : null;
                // A refused reading's test figures are left blank: the refusal says why they mean nothing.
                var wdd = comparison.Refusal is null ? comparison.Wdd : null;
                string?[] cells =
                [
                    evaluation.Operation, evaluation.Group, zone.Zone, zone.Name, comparison.Period, string.Join(" ", before.Ranges), string.Join(" ", compared.Ranges),
                    N(comparison.Zone.Before), N(comparison.Zone.After), N(comparison.Zone.Percent),
                    N(comparison.Buffer.Before), N(comparison.Buffer.After), N(comparison.Buffer.Percent),
                    N(comparison.Control.Before), N(comparison.Control.After), N(comparison.Control.Percent), N(comparison.GrossEffect),
                    N(comparison.Net?.Percent), N(comparison.Net?.LowPercent), N(comparison.Net?.HighPercent),
                    N(comparison.ControlWeight, "0.0000"), N(wdd?.Value), N(wdd?.StandardError), N(wdd?.Z), N(wdd?.P, "0.0000"),
                    N(comparison.Wdq?.Value, "0.000"), comparison.Wdq?.Reading.ToString(), comparison.Refusal,
                    N(dosage?.PatrolHours), N(dosage?.PatrolHoursPerWeek), N(dosage?.IncidentsPerPatrolHour, "0.000"), N(dosage?.ShareOfDaysDosed, "0.000"),
                    comparison.Reading,
                ];
                csv.AppendLine(string.Join(",", cells.Select(CsvText.Cell)));
            }
        }
        return csv.ToString();
    }

    private static string? N(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture);

    private static string? N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
