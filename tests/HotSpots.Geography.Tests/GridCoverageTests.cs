using HotSpots.Domain.Grid;
using HotSpots.Testing;
using NetTopologySuite.Geometries;

namespace HotSpots.Geography.Tests;

public class GridCoverageTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void A_ward_drawn_on_grid_lines_is_covered_by_exactly_its_own_cells()
    {
        // 1,000 m by 500 m in Thurrock, corners on the 250 m grid.
        var ring = new[] { (600_000, 180_000), (601_000, 180_000), (601_000, 180_500), (600_000, 180_500), (600_000, 180_000) }
            .Select(p => BritishNationalGrid.ToWgs84(p.Item1, p.Item2))
            .Select(w => new Coordinate(w.Longitude, w.Latitude))
            .ToArray();
        var set = new AreaSet(AreaSetKind.Wards, [new Area("E05000001", "Square", Factory.CreatePolygon(ring))]);

        var cells = GridCoverage.Cells(set, new CellSize(250));

        var expected = from row in Enumerable.Range(720, 2) from column in Enumerable.Range(2400, 4) select new GridCell(column, row);
        Assert.Equal(expected, cells);
        Assert.Equal(50, GridCoverage.Cells(set, new CellSize(100)).Count);
    }

    [Fact]
    public void Thurrock_s_cells_are_exactly_those_whose_centres_a_brute_force_check_finds_in_a_ward()
    {
        var wards = new AreaSet(AreaSetKind.Wards, GeoJsonAreaReader.Read(SharedData.ThurrockWards));
        var size = new CellSize(500);

        var cells = GridCoverage.Cells(wards, size);

        var corners = wards.Areas.SelectMany(a => a.Geometry.Coordinates).Select(c => BritishNationalGrid.FromWgs84(c.Y, c.X)).ToList();
        var southWest = size.CellAt(corners.Min(c => c.Easting), corners.Min(c => c.Northing));
        var northEast = size.CellAt(corners.Max(c => c.Easting), corners.Max(c => c.Northing));
        var expected = new List<GridCell>();
        for (var row = southWest.Row; row <= northEast.Row; row++)
        {
            for (var column = southWest.Column; column <= northEast.Column; column++)
            {
                var (e, n) = size.CentreOf(new GridCell(column, row));
                var (lat, lon) = BritishNationalGrid.ToWgs84(e, n);
                var centre = Factory.CreatePoint(new Coordinate(lon, lat));
                if (wards.Areas.Any(w => w.Geometry.Covers(centre))) expected.Add(new GridCell(column, row));
            }
        }
        Assert.Equal(expected, cells);
        // Thurrock is about 165 km²: some 660 cells of a quarter of a square kilometre.
        Assert.InRange(cells.Count, 600, 720);
    }

    [Fact]
    public void An_incident_s_WGS84_position_falls_in_the_cell_of_its_grid_reference()
    {
        var (lat, lon) = BritishNationalGrid.ToWgs84(561_130, 177_940);

        Assert.Equal(new GridCell(2244, 711), GridCoverage.CellOf(CellSize.Default, lat, lon));
    }
}
