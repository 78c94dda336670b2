using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using System.Threading.Channels;
using HotSpots.Application.Ingest;
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
}

/// <summary>
/// Imports police.uk street-level CSV files through the same locate-and-store path as the API: each row is
/// validated, placed in a ward and appended in batches; the monitors then count it from the log. Reading runs on one
/// task and writing on another, so parsing and placing overlap the database's work. When this process also has
/// monitors (the benchmark, or a future server-side import), the signal hands them each appended batch directly.
/// </summary>
public sealed class PoliceUkImporter(IIncidentStore store, GeographyModel geography, IncidentLogSignal? signal = null)
{
    private const string Unlocated = "unlocated";
    private const string OutsideArea = "outside";

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
        var batches = Channel.CreateBounded<IncidentBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // Written batches are filled again, so a long import allocates its batches once.
        var spare = new ConcurrentQueue<IncidentBatch>();
        // If the store fails, reading must stop too, or it would wait forever for room in the channel.
        using var writeFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var writer = Task.Run(async () =>
        {
            Task? newest = null;
            try
            {
                // Two appends in flight: the next batch's keys are worked out while the previous one is being written.
                (IncidentBatch Batch, Task<AppendResult> Append)? writing = null;
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    var next = (batch, Task.Run(() => store.AppendAsync(batch, cancellationToken), writeFailed.Token));
                    newest = next.Item2;
                    if (writing is { } previous) Written(previous.Batch, await previous.Append);
                    writing = next;
                }
                if (writing is { } last) Written(last.Batch, await last.Append);
            }
            catch
            {
                await writeFailed.CancelAsync();
                // An append already under way ends (either way) before the failure is reported, so the caller never
                // disposes the store under it.
                if (newest is not null) await Task.WhenAny(newest);
                throw;
            }
        }, cancellationToken);

        try
        {
            var totalBytes = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            long bytesBefore = 0;
            // One batch runs on across files: each commit rewrites the index pages it touched, so small files must
            // not mean small commits. The first batches are smaller, so the database starts work sooner.
            var size = Math.Max(1, options.BatchSize / 32);
            var batch = new IncidentBatch(size);
            foreach (var file in files)
            {
                batch = await ReadFileAsync(file, report, batch, Send, totalBytes, bytesBefore, progress, writeFailed.Token);
                bytesBefore += File.Exists(file) ? new FileInfo(file).Length : 0;
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync(batch, writeFailed.Token);
            progress?.Report(new ImportProgress(report.Rows, totalBytes, totalBytes));
            batches.Writer.Complete();

            async ValueTask<IncidentBatch> Send(IncidentBatch full, CancellationToken token)
            {
                if (full.Count < size) return full;
                await batches.Writer.WriteAsync(full, token);
                size = Math.Min(options.BatchSize, size * 2);
                return spare.TryDequeue(out var recycled) ? recycled : new IncidentBatch(size);
            }
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

        void Written(IncidentBatch batch, AppendResult result)
        {
            report.Imported += result.Appended.Count;
            report.Duplicates += result.Outcomes.Length - result.Appended.Count;
            signal?.Notify(result.Appended);
            batch.Clear();
            spare.Enqueue(batch);
        }
    }

    /// <summary>Reads one file into the batch, handing each full batch on; returns the batch as it stands at the end.</summary>
    private async Task<IncidentBatch> ReadFileAsync(
        string file, ImportReport report, IncidentBatch batch, Func<IncidentBatch, CancellationToken, ValueTask<IncidentBatch>> send,
        long totalBytes, long bytesBefore, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        if (!File.Exists(file))
        {
            report.AddMalformed(name, 0, $"file {file} does not exist");
            return batch;
        }

        if (IsUtf16(file))
        {
            report.AddMalformed(name, 1, "the file is UTF-16 text; save it as UTF-8 (police.uk downloads are UTF-8)");
            return batch;
        }
        using var csv = new Utf8CsvReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
        if (!csv.Read())
        {
            report.AddMalformed(name, 1, "the file is empty");
            return batch;
        }
        var columns = HeaderMap([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            report.AddMalformed(name, 1, $"missing column(s): {string.Join(", ", missing)}");
            return batch;
        }
        var rows = new RowReader(columns, geography.Wards.Index);
        var width = columns.Values.Max() + 1;

        while (csv.Read())
        {
            report.Rows++;
            if (csv.Problem is { } problem)
            {
                report.AddMalformed(name, csv.Line, problem);
                continue;
            }
            if (csv.FieldCount < width)
            {
                report.AddMalformed(name, csv.Line, $"expected {width} fields, found {csv.FieldCount}");
                continue;
            }

            switch (rows.TryAdd(csv, batch))
            {
                case null:
                    var before = batch;
                    batch = await send(batch, cancellationToken);
                    if (!ReferenceEquals(before, batch)) progress?.Report(new ImportProgress(report.Rows, bytesBefore + csv.Position, totalBytes));
                    break;
                case Unlocated:
                    report.Unlocated++;
                    break;
                case OutsideArea:
                    report.OutsideArea++;
                    break;
                case var reason:
                    report.AddMalformed(name, csv.Line, reason);
                    break;
            }
        }
        progress?.Report(new ImportProgress(report.Rows, bytesBefore + csv.Position, totalBytes));
        return batch;
    }

    /// <summary>
    /// Turns one file's rows into incidents in a batch, from the row's bytes. Rows repeat a lot (one force, one month,
    /// a few thousand streets and a dozen crime types), so what is worked out from them is cached, and a row costs
    /// no allocation of its own.
    /// </summary>
    private sealed class RowReader
    {
        private const byte UnitSeparator = 0x1F;

        private readonly int _crimeId, _month, _reportedBy, _longitude, _latitude, _crimeType, _location, _lsoa;
        private readonly AreaIndex _wards;
        private readonly Dictionary<string, Category>.AlternateLookup<ReadOnlySpan<char>> _crimeTypes = CrimeTypes.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly Dictionary<(byte[] Source, ulong Hash), int> _ordinals = new(new OrdinalKeyComparer());
        private byte[] _monthBytes = [], _reportedByBytes = [], _source = [], _hashInput = new byte[512], _id = new byte[256];
        private string? _sourceProblem;
        private OccurredAt _occurredAt;

        public RowReader(Dictionary<string, int> columns, AreaIndex wards)
        {
            (_crimeId, _month, _reportedBy, _longitude, _latitude, _crimeType) =
                (columns["crimeid"], columns["month"], columns["reportedby"], columns["longitude"], columns["latitude"], columns["crimetype"]);
            _location = columns.GetValueOrDefault("location", -1);
            _lsoa = columns.GetValueOrDefault("lsoacode", -1);
            _wards = wards;
        }

        /// <summary>Adds the row to the batch and returns null, or returns why it was not added.</summary>
        public string? TryAdd(Utf8CsvReader r, IncidentBatch batch)
        {
            var month = r[_month];
            if (!month.SequenceEqual(_monthBytes))
            {
                var text = Encoding.UTF8.GetString(month);
                if (!OccurredAt.TryParse(text, out var occurredAt, out _) || occurredAt.Precision != TimePrecision.Month)
                    return $"month '{text}' is not yyyy-MM";
                (_monthBytes, _occurredAt) = (month.ToArray(), occurredAt);
            }
            if (!TryCategory(r[_crimeType], out var category))
                return $"unknown crime type '{r.GetString(_crimeType)}'";
            if (SourceProblem(r[_reportedBy]) is { } badSource) return badSource;
            var longitude = r[_longitude];
            var latitude = r[_latitude];
            if (longitude.Length == 0 && latitude.Length == 0) return Unlocated;
            if (!double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
                return $"coordinates '{r.GetString(_longitude)}', '{r.GetString(_latitude)}' are not numbers";
            if (IncidentRules.CheckLatitudeLongitude(lat, lon) is { } bad) return bad;
            if (_wards.FindOne(lon, lat) is null) return OutsideArea;

            var hasLocation = _location >= 0 && r[_location].Length > 0;
            var location = hasLocation ? LocationText(r[_location]) : [];
            var crimeId = r[_crimeId][Ascii.Trim(r[_crimeId])];
            if (crimeId.Length == 0)
            {
                // Rows without a Crime ID (ASB) are often exact copies of each other, each a separate incident: the id
                // is the row's content hash plus its ordinal among identical rows, which is the same on every re-import.
                var hash = RowHash(month, longitude, latitude, location, _lsoa >= 0 ? r[_lsoa] : [], r[_crimeType]);
                ref var ordinal = ref CollectionsMarshal.GetValueRefOrAddDefault(_ordinals, (_source, hash), out _);
                batch.Add(_source, AsbId(month, hash, ordinal++), category, _occurredAt, lat, lon, location, hasLocation);
            }
            else
            {
                // Bytes that are not UTF-8 become U+FFFD, as a text decoder would make them, rather than being stored raw.
                if (!Ascii.IsValid(crimeId)) crimeId = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(crimeId));
                if (CrimeIdProblem(crimeId) is { } badId) return badId;
                batch.Add(_source, crimeId, category, _occurredAt, lat, lon, location, hasLocation);
            }
            return null;
        }

        private bool TryCategory(ReadOnlySpan<byte> crimeType, out Category category)
        {
            category = default;
            Span<char> chars = stackalloc char[64];
            return Encoding.UTF8.TryGetChars(crimeType, chars, out var length) && _crimeTypes.TryGetValue(chars[..length].Trim(), out category);
        }

        /// <summary>Works out the source from "Reported by" when it changes; null when it makes a valid source.</summary>
        private string? SourceProblem(ReadOnlySpan<byte> reportedBy)
        {
            if (_source.Length > 0 && reportedBy.SequenceEqual(_reportedByBytes)) return null;
            if (_sourceProblem is not null && reportedBy.SequenceEqual(_reportedByBytes)) return _sourceProblem;
            var slug = Slug(Encoding.UTF8.GetString(reportedBy));
            _reportedByBytes = reportedBy.ToArray();
            _sourceProblem = slug.Length == 0 ? "'Reported by' is empty" : IncidentRules.CheckSource(slug);
            _source = _sourceProblem is null ? Encoding.UTF8.GetBytes(slug) : [];
            return _sourceProblem;
        }

        private static string? CrimeIdProblem(ReadOnlySpan<byte> crimeId)
        {
            if (!Ascii.IsValid(crimeId)) return IncidentRules.CheckSourceId(Encoding.UTF8.GetString(crimeId));
            if (crimeId.Length > IncidentRules.MaxSourceIdLength) return $"sourceId is longer than {IncidentRules.MaxSourceIdLength} characters";
            foreach (var b in crimeId)
            {
                if (b < 0x20 || b == 0x7F) return "sourceId contains control characters";
            }
            return null;
        }

        /// <summary>The trimmed text, cut to the longest allowed; as bytes, unless cutting needs characters.</summary>
        private static ReadOnlySpan<byte> LocationText(ReadOnlySpan<byte> raw)
        {
            var text = raw[Ascii.Trim(raw)];
            var valid = Utf8.IsValid(text);
            if (valid && text.Length <= IncidentRules.MaxLocationTextLength) return text;
            // Invalid bytes become U+FFFD, as a text decoder would make them, rather than being stored raw.
            var chars = Encoding.UTF8.GetString(text);
            if (valid && chars.Length <= IncidentRules.MaxLocationTextLength) return text;
            return Encoding.UTF8.GetBytes(chars.Length <= IncidentRules.MaxLocationTextLength ? chars : chars[..IncidentRules.MaxLocationTextLength]);
        }

        /// <summary>The first eight bytes of SHA-256 over the fields joined by U+001F.</summary>
        private ulong RowHash(
            ReadOnlySpan<byte> month, ReadOnlySpan<byte> longitude, ReadOnlySpan<byte> latitude, ReadOnlySpan<byte> location,
            ReadOnlySpan<byte> lsoa, ReadOnlySpan<byte> crimeType)
        {
            var needed = month.Length + longitude.Length + latitude.Length + location.Length + lsoa.Length + crimeType.Length + 5;
            if (_hashInput.Length < needed) _hashInput = new byte[needed * 2];
            var input = _hashInput.AsSpan();
            var length = 0;
            Append(input, ref length, month, true);
            Append(input, ref length, longitude, true);
            Append(input, ref length, latitude, true);
            Append(input, ref length, location, true);
            Append(input, ref length, lsoa, true);
            Append(input, ref length, crimeType, false);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(input[..length], hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash);
        }

        private static void Append(Span<byte> input, ref int length, ReadOnlySpan<byte> field, bool separator)
        {
            field.CopyTo(input[length..]);
            length += field.Length;
            if (separator) input[length++] = UnitSeparator;
        }

        /// <summary>"{month}:{first eight hash bytes as hex}:{ordinal}".</summary>
        private ReadOnlySpan<byte> AsbId(ReadOnlySpan<byte> month, ulong hash, int ordinal)
        {
            if (_id.Length < month.Length + 40) _id = new byte[month.Length + 40];
            var id = _id.AsSpan();
            month.CopyTo(id);
            var length = month.Length;
            id[length++] = (byte)':';
            hash.TryFormat(id[length..], out var hex, "x16", CultureInfo.InvariantCulture);
            length += hex;
            id[length++] = (byte)':';
            ordinal.TryFormat(id[length..], out var digits, provider: CultureInfo.InvariantCulture);
            return id[..(length + digits)];
        }

        private sealed class OrdinalKeyComparer : IEqualityComparer<(byte[] Source, ulong Hash)>
        {
            public bool Equals((byte[] Source, ulong Hash) x, (byte[] Source, ulong Hash) y) => x.Hash == y.Hash && x.Source.AsSpan().SequenceEqual(y.Source);

            public int GetHashCode((byte[] Source, ulong Hash) key) => key.Hash.GetHashCode();
        }
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

    private static bool IsUtf16(string file)
    {
        Span<byte> start = stackalloc byte[2];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && (start.SequenceEqual((byte[])[0xFF, 0xFE]) || start.SequenceEqual((byte[])[0xFE, 0xFF]));
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
