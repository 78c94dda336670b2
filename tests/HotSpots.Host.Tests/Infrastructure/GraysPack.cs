using System.Globalization;
using System.Net.Http.Json;
using HotSpots.Domain.Alerts;
using HotSpots.Store;
using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>
/// A server on Thurrock's wards holding its police.uk rows of January to April 2018 (posted through the API as a partner
/// would), the locality "Grays LAG" of three Grays wards, an operation on the Grays demo zone, an alert acknowledged in
/// March 2018 and a drill's alert that no report may count.
/// </summary>
public static class GraysPack
{
    private static readonly Dictionary<string, string> CrimeTypes = new()
    {
        ["Anti-social behaviour"] = "anti-social-behaviour", ["Bicycle theft"] = "bicycle-theft", ["Burglary"] = "burglary",
        ["Criminal damage and arson"] = "criminal-damage-arson", ["Drugs"] = "drugs", ["Other theft"] = "other-theft",
        ["Possession of weapons"] = "possession-of-weapons", ["Public order"] = "public-order", ["Robbery"] = "robbery",
        ["Shoplifting"] = "shoplifting", ["Theft from the person"] = "theft-from-the-person", ["Vehicle crime"] = "vehicle-crime",
        ["Violence and sexual offences"] = "violent-crime", ["Other crime"] = "other-crime",
    };

    public static HotSpotsServer NewServer() => new(new Dictionary<string, string?> { ["HotSpots:Geography:Wards:Files:0"] = SharedData.ThurrockWards });

    public static async Task LoadAsync(HotSpotsServer server)
    {
        var rows = new List<object>();
        foreach (var month in new[] { "2018-01", "2018-02", "2018-03", "2018-04" })
        {
            // Data rows are numbered from 2, their line in the file, as before.
            var line = 1;
            foreach (var f in Rows(SharedData.PoliceUk(month)))
            {
                line++;
                if (f[4] == "" || f[5] == "") continue;
                var (lon, lat) = (double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture));
                // Thurrock's box; rows outside its wards are refused by the API and count nowhere.
                if (lon is > 0.2 and < 0.56 && lat is > 51.43 and < 51.57)
                    rows.Add(new { source = "police-uk", sourceId = $"{month}:{line}", category = CrimeTypes[f[9]], occurredAt = f[1], latitude = lat, longitude = lon, locationText = f[6] });
            }
        }
        foreach (var chunk in rows.Chunk(5_000)) await server.PostAsync(chunk);
        // Grays Riverside, Grays Thurrock, Little Thurrock Rectory.
        (await server.Admin().PutAsJsonAsync("/api/localities/grays", new { name = "Grays LAG", wards = new[] { "E05002235", "E05002236", "E05002238" } })).EnsureSuccessStatusCode();
        (await server.Admin().PutAsJsonAsync("/api/operations/grays-asb", new
        {
            name = "Grays town centre ASB",
            type = "grip",
            zones = new[] { "op-grip-grays" },
            activePeriods = new[] { new { start = "2018-03-01", end = "2018-04-30" } },
            targetGroups = new[] { "asb" },
        })).EnsureSuccessStatusCode();
        var raised = new DateTimeOffset(2018, 3, 14, 21, 0, 0, TimeSpan.Zero);
        await server.Services.GetRequiredService<IAlertStore>().SaveAsync(new Alert
        {
            Id = "grays-2018-03-14",
            Area = new AlertArea("wards", "E05002235", "Grays Riverside"),
            Group = "asb",
            Status = AlertStatus.Acknowledged,
            Evidence = [new Evidence("asb-c2", DetectorMethod.EarsC2, "today", 9, 2.4, 3.6, 3.0, 0.002, true, Severity.High)],
            RaisedAt = raised,
            UpdatedAt = raised.AddHours(12),
            HandledBy = "vera",
            Note = "Visited with the council's ASB team; dispersal order considered.",
        });
        // A drill's alert in the same ward and period: never in a pack.
        await server.Services.GetRequiredService<IAlertStore>().SaveAsync(new Alert
        {
            Id = "drill-2018-03-20",
            Area = new AlertArea("wards", "E05002235", "Grays Riverside"),
            Group = "asb",
            Evidence = [new Evidence("asb-c2", DetectorMethod.EarsC2, "today", 9, 2.4, 3.6, 3.0, 0.002, true, Severity.High) { DrillOnly = true }],
            RaisedAt = raised.AddDays(6),
            UpdatedAt = raised.AddDays(6),
        });
    }

    /// <summary>A police.uk file's rows after its header (fields holding commas are quoted).</summary>
    private static IEnumerable<string[]> Rows(string path)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (parser.ReadFields() is { } fields) yield return fields;
    }
}
