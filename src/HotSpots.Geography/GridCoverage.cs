using HotSpots.Domain.Grid;
using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>
/// Where an area set meets the British National Grid: the cells whose centres lie in one of its areas (so a cell
/// belongs to the grid whole or not at all, and the grid of a set is the same on every node), and the cell of a WGS84
/// point.
/// </summary>
public static class GridCoverage
{
    /// <summary>Points taken along each side of the set's WGS84 extent to find its extent in BNG metres.</summary>
    private const int SamplesPerSide = 32;

    public static GridCell CellOf(CellSize size, double latitude, double longitude)
    {
        var (easting, northing) = BritishNationalGrid.FromWgs84(latitude, longitude);
        return size.CellAt(easting, northing);
    }

    /// <summary>The set's cells, row by row from the south-west.</summary>
    public static IReadOnlyList<GridCell> Cells(AreaSet set, CellSize size)
    {
        if (set.Areas.Count == 0) return [];
        var (west, south, east, north) = GridExtent(set);
        var first = size.CellAt(west, south);
        var last = size.CellAt(east, north);
        var columns = last.Column - first.Column + 1;
        var cells = new List<GridCell>();
        var longitudes = new double[columns];
        var latitudes = new double[columns];
        for (var row = first.Row; row <= last.Row; row++)
        {
            for (var k = 0; k < columns; k++)
                (longitudes[k], latitudes[k]) = size.CentreOf(new GridCell(first.Column + k, row));
            BritishNationalGrid.ToWgs84InPlace(longitudes, latitudes);
            for (var k = 0; k < columns; k++)
            {
                if (set.Index.FindOne(longitudes[k], latitudes[k]) is not null) cells.Add(new GridCell(first.Column + k, row));
            }
        }
        return cells;
    }

    // Parallels and meridians are curves on the grid, so the corners of the WGS84 extent alone can miss a strip of it:
    // sample every side, then widen by the largest cell for what the samples still miss.
    private static (double West, double South, double East, double North) GridExtent(AreaSet set)
    {
        var envelope = new Envelope();
        foreach (var area in set.Areas) envelope.ExpandToInclude(area.Geometry.EnvelopeInternal);
        double west = double.MaxValue, south = double.MaxValue, east = double.MinValue, north = double.MinValue;
        for (var i = 0; i <= SamplesPerSide; i++)
        {
            var f = (double)i / SamplesPerSide;
            var longitude = envelope.MinX + f * envelope.Width;
            var latitude = envelope.MinY + f * envelope.Height;
            foreach (var (lat, lon) in new[] { (envelope.MinY, longitude), (envelope.MaxY, longitude), (latitude, envelope.MinX), (latitude, envelope.MaxX) })
            {
                var (e, n) = BritishNationalGrid.FromWgs84(lat, lon);
                west = Math.Min(west, e);
                east = Math.Max(east, e);
                south = Math.Min(south, n);
                north = Math.Max(north, n);
            }
        }
        const double Slack = CellSize.LargestMetres;
        return (west - Slack, south - Slack, east + Slack, north + Slack);
    }
}
