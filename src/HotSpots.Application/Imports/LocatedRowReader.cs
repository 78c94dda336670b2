using System.Text;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>
/// A reader for sources that give a location as a British National Grid reference and/or latitude and longitude.
/// Rows are held in a small staging batch so that grid references are converted to WGS84 in one call per thousand
/// rows rather than one per row, then placed in a ward and added in file order. When a row has both, the grid
/// reference wins: it is what fire and council systems record, and the WGS84 columns are often derived from it.
/// </summary>
public abstract class LocatedRowReader : RowReader
{
    private const int StagingSize = 1024;

    private readonly int _easting, _northing, _latitude, _longitude;
    private readonly AreaIndex? _wards;
    private readonly IncidentBatch _staged = new(StagingSize);
    private readonly bool[] _grid = new bool[StagingSize];
    private readonly double[] _eastings = new double[StagingSize], _northings = new double[StagingSize];
    private readonly byte[] _source;

    protected LocatedRowReader(HeaderColumns columns, ImportContext context, ImportFile file) : base(file)
    {
        _easting = columns.Find("Easting_m", "Easting");
        _northing = columns.Find("Northing_m", "Northing");
        _latitude = columns.Find("Latitude", "Lat");
        _longitude = columns.Find("Longitude", "Lon", "Long");
        _wards = context.Wards;
        _source = Encoding.UTF8.GetBytes(context.Source ?? throw new ArgumentException("a source is required", nameof(context)));
    }

    /// <summary>The location columns a file must have: a grid pair, a WGS84 pair, or both.</summary>
    public static string? LocationProblem(HeaderColumns columns)
    {
        var grid = columns.Find("Easting_m", "Easting") >= 0 && columns.Find("Northing_m", "Northing") >= 0;
        var wgs84 = columns.Find("Latitude", "Lat") >= 0 && columns.Find("Longitude", "Lon", "Long") >= 0;
        return grid || wgs84 ? null : "missing column(s): Easting and Northing, or Latitude and Longitude";
    }

    protected int LocationWidth => Math.Max(Math.Max(_easting, _northing), Math.Max(_latitude, _longitude)) + 1;

    /// <summary>Reads the row's location and stages the incident, or counts why it cannot be placed.</summary>
    protected void Place(
        Utf8CsvReader row, IncidentBatch batch, ReadOnlySpan<byte> sourceId, Category category, OccurredAt occurredAt,
        ReadOnlySpan<byte> location, bool hasLocation)
    {
        var line = row.Line;
        var grid = Pair(row, _easting, _northing, "easting", "northing", out var easting, out var northing, out var problem);
        if (problem is not null)
        {
            Count(RowFate.Malformed, line, problem);
            return;
        }
        double latitude = 0, longitude = 0;
        if (grid)
        {
            if (IncidentRules.CheckEastingNorthing(easting, northing) is { } bad)
            {
                Count(RowFate.Malformed, line, bad);
                return;
            }
        }
        else
        {
            if (!Pair(row, _latitude, _longitude, "latitude", "longitude", out latitude, out longitude, out problem))
            {
                Count(problem is null ? RowFate.Unlocated : RowFate.Malformed, line, problem);
                return;
            }
            if (IncidentRules.CheckLatitudeLongitude(latitude, longitude) is { } bad)
            {
                Count(RowFate.Malformed, line, bad);
                return;
            }
        }
        var i = _staged.Count;
        _grid[i] = grid;
        (_eastings[i], _northings[i]) = (easting, northing);
        _staged.Add(_source, sourceId, category, occurredAt, latitude, longitude, location, hasLocation, reference: Reference(line));
        if (_staged.Count == StagingSize) Flush(batch);
    }

    /// <summary>Converts the staged grid references in one call, places every staged row and adds it to the batch.</summary>
    public override void Flush(IncidentBatch batch)
    {
        var count = _staged.Count;
        if (count == 0) return;
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (!_grid[i]) continue;
            _eastings[n] = _eastings[i];
            _northings[n] = _northings[i];
            n++;
        }
        if (n > 0) BritishNationalGrid.ToWgs84InPlace(_eastings.AsSpan(0, n), _northings.AsSpan(0, n));
        var latitudes = _staged.Latitudes;
        var longitudes = _staged.Longitudes;
        for (int i = 0, k = 0; i < count; i++)
        {
            if (!_grid[i]) continue;
            (longitudes[i], latitudes[i]) = (_eastings[k], _northings[k]);
            k++;
        }
        for (var i = 0; i < count; i++)
        {
            if (_wards is not null && _wards.FindOne(longitudes[i], latitudes[i]) is null)
            {
                Count(RowFate.OutsideArea, ImportFile.Line(_staged.Reference(i)));
                continue;
            }
            batch.Add(_staged, i);
        }
        _staged.Clear();
    }

    /// <summary>True with both numbers; false with no problem when both are blank or missing; a problem otherwise.</summary>
    private static bool Pair(Utf8CsvReader row, int first, int second, string firstName, string secondName, out double a, out double b, out string? problem)
    {
        a = b = 0;
        problem = null;
        var hasFirst = first >= 0 && !RowFields.IsBlank(row[first]);
        var hasSecond = second >= 0 && !RowFields.IsBlank(row[second]);
        if (!hasFirst && !hasSecond) return false;
        if (hasFirst != hasSecond)
        {
            problem = hasFirst ? $"{firstName} is given without {secondName}" : $"{secondName} is given without {firstName}";
            return false;
        }
        if (!RowFields.TryNumber(row[first], out a) || !RowFields.TryNumber(row[second], out b))
        {
            problem = $"{firstName}/{secondName} '{row.GetString(first)}', '{row.GetString(second)}' are not numbers";
            return false;
        }
        return true;
    }
}
