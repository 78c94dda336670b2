using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>
/// police.uk street-level CSV files: month precision, the force named in "Reported by" as the source, crime types
/// through the PoliceUk:CrimeTypes table. Rows without a Crime ID (ASB) get a stable id of their own.
/// </summary>
public sealed class PoliceUkFormat : ImportFormat
{
    public const string CrimeTypesTable = "PoliceUk:CrimeTypes";

    public override string Name => "police-uk";

    public override string? DefaultSource => null;

    public override RowReader? Open(HeaderColumns columns, ImportContext context, ImportFile file, out string? problem)
    {
        var missing = columns.Missing("Crime ID", "Month", "Reported by", "Longitude", "Latitude", "Crime type");
        problem = missing.Count > 0 ? $"missing column(s): {string.Join(", ", missing)}" : null;
        return problem is null ? new Reader(columns, context, file) : null;
    }

    /// <summary>
    /// Rows repeat a lot (one force, one month, a few thousand streets and a dozen crime types), so what is worked
    /// out from them is cached, and a row costs no allocation of its own.
    /// </summary>
    private sealed class Reader : RowReader
    {
        private const byte UnitSeparator = 0x1F;

        private readonly int _crimeId, _month, _reportedBy, _longitude, _latitude, _crimeType, _location, _lsoa;
        private readonly AreaIndex? _wards;
        private readonly LabelTable _crimeTypes;
        private readonly Dictionary<(byte[] Source, ulong Hash), int> _ordinals = new(new OrdinalKeyComparer());
        private byte[] _monthBytes = [], _reportedByBytes = [], _source = [], _hashInput = new byte[512], _id = new byte[256];
        private string? _sourceProblem;
        private OccurredAt _occurredAt;

        public Reader(HeaderColumns columns, ImportContext context, ImportFile file) : base(file)
        {
            (_crimeId, _month, _reportedBy, _longitude, _latitude, _crimeType) = (columns.Find("Crime ID"), columns.Find("Month"),
                columns.Find("Reported by"), columns.Find("Longitude"), columns.Find("Latitude"), columns.Find("Crime type"));
            _location = columns.Find("Location");
            _lsoa = columns.Find("LSOA code");
            _wards = context.Wards;
            _crimeTypes = context.Mappings.Table(CrimeTypesTable);
            Width = new[] { _crimeId, _month, _reportedBy, _longitude, _latitude, _crimeType, _location, _lsoa }.Max() + 1;
        }

        public override int Width { get; }

        public override void Read(Utf8CsvReader r, IncidentBatch batch)
        {
            var line = r.Line;
            var month = r[_month];
            if (!month.SequenceEqual(_monthBytes))
            {
                var text = Encoding.UTF8.GetString(month);
                if (!OccurredAt.TryParse(text, out var occurredAt, out _) || occurredAt.Precision != TimePrecision.Month)
                {
                    Count(RowFate.Malformed, line, $"month '{text}' is not yyyy-MM");
                    return;
                }
                (_monthBytes, _occurredAt) = (month.ToArray(), occurredAt);
            }
            var found = RowFields.TryLabel(r[_crimeType], _crimeTypes, out var meaning);
            if (found && meaning.Ignore)
            {
                Count(RowFate.Ignored, line);
                return;
            }
            if (meaning.Category is not { } category)
            {
                Unmapped("Crime type", r.GetString(_crimeType).Trim(), line);
                return;
            }
            if (SourceProblem(r[_reportedBy]) is { } badSource)
            {
                Count(RowFate.Malformed, line, badSource);
                return;
            }
            var longitude = r[_longitude];
            var latitude = r[_latitude];
            if (longitude.Length == 0 && latitude.Length == 0)
            {
                Count(RowFate.Unlocated, line);
                return;
            }
            if (!RowFields.TryNumber(longitude, out var lon) || !RowFields.TryNumber(latitude, out var lat))
            {
                Count(RowFate.Malformed, line, $"coordinates '{r.GetString(_longitude)}', '{r.GetString(_latitude)}' are not numbers");
                return;
            }
            if (IncidentRules.CheckLatitudeLongitude(lat, lon) is { } bad)
            {
                Count(RowFate.Malformed, line, bad);
                return;
            }
            if (_wards is not null && _wards.FindOne(lon, lat) is null)
            {
                Count(RowFate.OutsideArea, line);
                return;
            }

            var hasLocation = _location >= 0 && r[_location].Length > 0;
            var location = hasLocation ? RowFields.LocationText(r[_location]) : [];
            var rawId = r[_crimeId];
            if (RowFields.IsBlank(rawId))
            {
                // Rows without a Crime ID (ASB) are often exact copies of each other, each a separate incident: the id
                // is the row's content hash plus its ordinal among identical rows, which is the same on every re-import.
                var hash = RowHash(month, longitude, latitude, location, _lsoa >= 0 ? r[_lsoa] : [], r[_crimeType]);
                ref var ordinal = ref CollectionsMarshal.GetValueRefOrAddDefault(_ordinals, (_source, hash), out _);
                batch.Add(_source, AsbId(month, hash, ordinal++), category, _occurredAt, lat, lon, location, hasLocation, reference: Reference(line));
                return;
            }
            var crimeId = RowFields.SourceId(rawId, "sourceId", out var badId);
            if (badId is not null)
            {
                Count(RowFate.Malformed, line, badId);
                return;
            }
            batch.Add(_source, crimeId, category, _occurredAt, lat, lon, location, hasLocation, reference: Reference(line));
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
}
