using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>
/// Council ASB case exports. Columns (header names match ignoring case, spaces and underscores):
/// <list type="bullet">
/// <item><c>CaseReference</c>: the case system's id, kept as the source id.</item>
/// <item><c>DateReported</c>: yyyy-MM-dd, dd/MM/yyyy or dd MMM yyyy; day precision (a time, if present, is dropped).</item>
/// <item><c>AsbType</c>: the council's type label, through the Council:AsbTypes table (fly-tipping, off-road vehicle
/// nuisance, youth nuisance, neighbour nuisance, or anti-social behaviour).</item>
/// <item><c>Latitude</c>/<c>Longitude</c> and/or <c>Easting</c>/<c>Northing</c>.</item>
/// <item><c>StreetDescription</c>: where, in words (no house numbers or names of people: it is shown in meetings).</item>
/// </list>
/// </summary>
public sealed class CouncilFormat : ImportFormat
{
    public const string AsbTypesTable = "Council:AsbTypes";

    public override string Name => "council";

    public override string? DefaultSource => "thurrock-council";

    public override RowReader? Open(HeaderColumns columns, ImportContext context, ImportFile file, out string? problem)
    {
        var missing = columns.Missing("CaseReference|CaseRef", "DateReported|ReportedDate", "AsbType|CaseType");
        problem = missing.Count > 0 ? $"missing column(s): {string.Join(", ", missing)}" : LocatedRowReader.LocationProblem(columns);
        return problem is null ? new Reader(columns, context, file) : null;
    }

    private sealed class Reader : LocatedRowReader
    {
        private readonly int _id, _date, _type, _street;
        private readonly LabelTable _types;
        private readonly DateOnly _latest;

        public Reader(HeaderColumns columns, ImportContext context, ImportFile file) : base(columns, context, file)
        {
            _id = columns.Find("CaseReference", "CaseRef");
            _date = columns.Find("DateReported", "ReportedDate");
            _type = columns.Find("AsbType", "CaseType");
            _street = columns.Find("StreetDescription", "Street", "Location");
            _types = context.Mappings.Table(AsbTypesTable);
            _latest = DateOnly.FromDateTime(context.Now.UtcDateTime.AddDays(1));
            Width = new[] { _id, _date, _type, _street, LocationWidth - 1 }.Max() + 1;
        }

        public override int Width { get; }

        public override void Read(Utf8CsvReader row, IncidentBatch batch)
        {
            var line = row.Line;
            var id = RowFields.SourceId(row[_id], "case reference", out var badId);
            if (badId is not null)
            {
                Count(RowFate.Malformed, line, badId);
                return;
            }
            var found = RowFields.TryLabel(row[_type], _types, out var type);
            if (found && type.Ignore)
            {
                Count(RowFate.Ignored, line);
                return;
            }
            if (type.Category is not { } category)
            {
                Unmapped("AsbType", row.GetString(_type).Trim(), line);
                return;
            }
            if (!RowFields.TryDate(row[_date], out var date))
            {
                Count(RowFate.Malformed, line, $"date reported '{row.GetString(_date).Trim()}' is not a date (yyyy-MM-dd, dd/MM/yyyy)");
                return;
            }
            if (date > _latest)
            {
                Count(RowFate.Malformed, line, $"date reported {date:yyyy-MM-dd} is in the future");
                return;
            }
            var hasStreet = _street >= 0 && !RowFields.IsBlank(row[_street]);
            Place(row, batch, id, category, OccurredAt.Day(date.Year, date.Month, date.Day),
                hasStreet ? RowFields.LocationText(row[_street]) : [], hasStreet);
        }
    }
}
