using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using CsvHelper;
using CsvHelper.Configuration;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

public sealed class PoliceUkImportOptions
{
    /// <summary>
    /// Incidents written per transaction. Large batches matter: each commit rewrites every index page it touched,
    /// and with random ids nearly every page is touched by a batch of any size.
    /// </summary>
    public int BatchSize { get; set; } = 100_000;

    /// <summary>Replaces the source derived from "Reported by" (the import benchmark uses it to import copies).</summary>
    public string? SourceOverride { get; set; }
}

/// <summary>
/// Imports police.uk street-level CSV files through the same locate-and-store path as the API: each row is
/// validated, placed in a ward and appended in batches; the monitors then count it from the log. Reading runs on one
/// task and writing on another, so parsing and placing overlap the database's work.
/// </summary>
public sealed class PoliceUkImporter(IIncidentStore store, GeographyModel geography)
{
    private const string Unlocated = "unlocated";

    private static readonly string[] Required = ["crimeid", "month", "reportedby", "longitude", "latitude", "crimetype"];

    private static readonly Dictionary<string, Category> CrimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Anti-social behaviour"] = Category.AntiSocialBehaviour,
        ["Bicycle theft"] = Category.BicycleTheft,
        ["Burglary"] = Category.Burglary,
        ["Criminal damage and arson"] = Category.CriminalDamageArson,
        ["Drugs"] = Category.Drugs,
        ["Other theft"] = Category.OtherTheft,
        ["Possession of weapons"] = Category.PossessionOfWeapons,
        ["Public order"] = Category.PublicOrder,
        ["Robbery"] = Category.Robbery,
        ["Shoplifting"] = Category.Shoplifting,
        ["Theft from the person"] = Category.TheftFromThePerson,
        ["Vehicle crime"] = Category.VehicleCrime,
        ["Violence and sexual offences"] = Category.ViolentCrime,
        ["Violent crime"] = Category.ViolentCrime,
        ["Other crime"] = Category.OtherCrime,
    };

    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<string> files,
        PoliceUkImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new PoliceUkImportOptions();
        var report = new ImportReport();
        var started = Environment.TickCount64;
        var batches = Channel.CreateBounded<List<Incident>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // If the store fails, reading must stop too, or it would wait forever for room in the channel.
        using var writeFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    var outcomes = await store.AppendAsync(batch, cancellationToken);
                    var appended = outcomes.Count(o => o == AppendOutcome.Appended);
                    report.Imported += appended;
                    report.Duplicates += outcomes.Length - appended;
                }
            }
            catch
            {
                await writeFailed.CancelAsync();
                throw;
            }
        }, cancellationToken);

        try
        {
            var totalBytes = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            long bytesBefore = 0;
            foreach (var file in files)
            {
                await ReadFileAsync(file, options, report, batches.Writer, totalBytes, bytesBefore, progress, writeFailed.Token);
                bytesBefore += File.Exists(file) ? new FileInfo(file).Length : 0;
            }
            batches.Writer.Complete();
        }
        catch (Exception ex)
        {
            batches.Writer.Complete(ex);
            throw;
        }
        finally
        {
            await writer;
        }
        report.Seconds = (Environment.TickCount64 - started) / 1000d;
        return report;
    }

    private async Task ReadFileAsync(
        string file, PoliceUkImportOptions options, ImportReport report, ChannelWriter<List<Incident>> output,
        long totalBytes, long bytesBefore, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        if (!File.Exists(file))
        {
            report.AddMalformed(name, 0, $"file {file} does not exist");
            return;
        }

        var badData = (string?)null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badData = "malformed quoting",
            DetectColumnCountChanges = false,
        };
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var parser = new CsvParser(text, configuration);

        if (!parser.Read())
        {
            report.AddMalformed(name, 1, "the file is empty");
            return;
        }
        var columns = HeaderMap(parser.Record!);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            report.AddMalformed(name, 1, $"missing column(s): {string.Join(", ", missing)}");
            return;
        }
        int crimeId = columns["crimeid"], month = columns["month"], reportedBy = columns["reportedby"], longitude = columns["longitude"],
            latitude = columns["latitude"], crimeType = columns["crimetype"];
        var location = columns.GetValueOrDefault("location", -1);
        var lsoa = columns.GetValueOrDefault("lsoacode", -1);
        var width = columns.Values.Max() + 1;

        var ordinals = new Dictionary<(string Source, string Key), int>();
        var batch = new List<Incident>(options.BatchSize);
        long line = 1;
        while (parser.Read())
        {
            var firstLine = line + 1;
            line = parser.RawRow;
            report.Rows++;
            var record = parser.Record!;
            if (badData is not null)
            {
                report.AddMalformed(name, firstLine, badData);
                badData = null;
                continue;
            }
            if (record.Length < width)
            {
                if (record is [""]) continue;
                report.AddMalformed(name, firstLine, $"expected {width} fields, found {record.Length}");
                continue;
            }

            var reason = TryIncident(record, crimeId, month, reportedBy, longitude, latitude, crimeType, location, lsoa,
                options.SourceOverride, ordinals, out var incident);
            if (reason is not null)
            {
                if (reason == Unlocated) report.Unlocated++;
                else report.AddMalformed(name, firstLine, reason);
                continue;
            }
            if (geography.Wards.Index.FindOne(incident!.Longitude, incident.Latitude) is null)
            {
                report.OutsideArea++;
                continue;
            }
            batch.Add(incident);
            if (batch.Count >= options.BatchSize)
            {
                await output.WriteAsync(batch, cancellationToken);
                batch = new List<Incident>(options.BatchSize);
                progress?.Report(new ImportProgress(report.Rows, bytesBefore + stream.Position, totalBytes));
            }
        }
        if (batch.Count > 0) await output.WriteAsync(batch, cancellationToken);
        progress?.Report(new ImportProgress(report.Rows, bytesBefore + stream.Length, totalBytes));
    }

    private static string? TryIncident(
        string[] r, int crimeId, int month, int reportedBy, int longitude, int latitude, int crimeType, int location, int lsoa,
        string? sourceOverride, Dictionary<(string, string), int> ordinals, out Incident? incident)
    {
        incident = null;
        if (!OccurredAt.TryParse(r[month], out var occurredAt, out _) || occurredAt.Precision != TimePrecision.Month)
            return $"month '{r[month]}' is not yyyy-MM";
        if (!CrimeTypes.TryGetValue(r[crimeType].Trim(), out var category))
            return $"unknown crime type '{r[crimeType]}'";
        var source = sourceOverride ?? Slug(r[reportedBy]);
        if (source.Length == 0) return "'Reported by' is empty";
        if (r[longitude].Length == 0 && r[latitude].Length == 0) return Unlocated;
        if (!double.TryParse(r[longitude], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.TryParse(r[latitude], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            return $"coordinates '{r[longitude]}', '{r[latitude]}' are not numbers";
        if (IncidentRules.CheckLatitudeLongitude(lat, lon) is { } bad) return bad;

        var locationText = location >= 0 && r[location].Length > 0 ? r[location].Trim() : null;
        if (locationText is { Length: > IncidentRules.MaxLocationTextLength }) locationText = locationText[..IncidentRules.MaxLocationTextLength];
        var sourceId = r[crimeId].Trim();
        if (sourceId.Length == 0)
        {
            // Rows without a Crime ID (ASB) are often exact copies of each other, each a separate incident: the id is
            // the row's content hash plus its ordinal among identical rows, which is the same on every re-import.
            var key = RowHash(r[month], r[longitude], r[latitude], locationText, lsoa >= 0 ? r[lsoa] : "", r[crimeType]);
            var ordinal = ordinals.GetValueOrDefault((source, key));
            ordinals[(source, key)] = ordinal + 1;
            sourceId = $"{r[month]}:{key}:{ordinal}";
        }
        else if (IncidentRules.CheckSourceId(sourceId) is { } badId)
        {
            return badId;
        }
        incident = new Incident(source, sourceId, category, occurredAt, lat, lon, locationText);
        return null;
    }

    private static string RowHash(params string?[] fields)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields)), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>"Essex Police" becomes "essex-police".</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().TrimEnd('-');
    }

    /// <summary>Headers match ignoring case, spaces and underscores.</summary>
    private static Dictionary<string, int> HeaderMap(string[] header)
    {
        var map = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var key = new string([.. header[i].Where(c => c is not (' ' or '_' or '\uFEFF')).Select(char.ToLowerInvariant)]);
            map.TryAdd(key, i);
        }
        return map;
    }
}
