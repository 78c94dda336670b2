using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>
/// Fire-service incident records, laid out like London Fire Brigade's published incident records with the Home
/// Office incident recording system's motive field. Columns (header names match ignoring case, spaces and
/// underscores):
/// <list type="bullet">
/// <item><c>IncidentNumber</c>: the service's own id, kept as the source id.</item>
/// <item><c>DateTimeOfCall</c>, or <c>DateOfCall</c> with <c>TimeOfCall</c>: UK local time unless an offset is given.</item>
/// <item><c>StopCodeDescription</c>: <c>Primary Fire</c>, <c>Secondary Fire</c>, ... through the Fire:StopCodes table.</item>
/// <item><c>Motive</c>: <c>Deliberate</c>, <c>Accidental</c>, <c>Not known</c>, through the Fire:Motives table; only
/// deliberate fires are counted, others are refused as "not deliberate".</item>
/// <item><c>IncidentGroup</c>, <c>PropertyCategory</c>, <c>PropertyType</c>: optional; the property type describes the
/// place when there is no <c>StreetName</c>.</item>
/// <item><c>Easting_m</c>/<c>Northing_m</c> (British National Grid) and/or <c>Latitude</c>/<c>Longitude</c>.</item>
/// </list>
/// </summary>
public sealed class FireFormat : ImportFormat
{
    public const string StopCodesTable = "Fire:StopCodes";
    public const string MotivesTable = "Fire:Motives";

    public override string Name => "fire";

    public override string? DefaultSource => "essex-fire";

    public override RowReader? Open(HeaderColumns columns, ImportContext context, ImportFile file, out string? problem)
    {
        var missing = columns.Missing("IncidentNumber", "DateTimeOfCall|DateOfCall", "StopCodeDescription|StopCode", "Motive");
        if (columns.Find("DateTimeOfCall") < 0 && columns.Find("DateOfCall") >= 0 && columns.Find("TimeOfCall") < 0) missing.Add("TimeOfCall");
        problem = missing.Count > 0 ? $"missing column(s): {string.Join(", ", missing)}" : LocatedRowReader.LocationProblem(columns);
        return problem is null ? new Reader(columns, context, file) : null;
    }

    private sealed class Reader : LocatedRowReader
    {
        private readonly int _id, _dateTime, _date, _time, _stopCode, _motive, _place;
        private readonly LabelTable _stopCodes, _motives;
        private readonly TimeZoneInfo _zone;
        private readonly DateTimeOffset _latest;

        public Reader(HeaderColumns columns, ImportContext context, ImportFile file) : base(columns, context, file)
        {
            _id = columns.Find("IncidentNumber");
            _dateTime = columns.Find("DateTimeOfCall");
            _date = columns.Find("DateOfCall");
            _time = columns.Find("TimeOfCall");
            _stopCode = columns.Find("StopCodeDescription", "StopCode");
            _motive = columns.Find("Motive");
            _place = columns.Find("StreetName", "Street", "Location", "PropertyType", "PropertyCategory");
            _stopCodes = context.Mappings.Table(StopCodesTable);
            _motives = context.Mappings.Table(MotivesTable);
            _zone = context.TimeZone;
            _latest = context.Now + IncidentRules.ClockSkewAllowance;
            Width = new[] { _id, _dateTime, _date, _time, _stopCode, _motive, _place, LocationWidth - 1 }.Max() + 1;
        }

        public override int Width { get; }

        public override void Read(Utf8CsvReader row, IncidentBatch batch)
        {
            var line = row.Line;
            var id = RowFields.SourceId(row[_id], "incident number", out var badId);
            if (badId is not null)
            {
                Count(RowFate.Malformed, line, badId);
                return;
            }
            var found = RowFields.TryLabel(row[_stopCode], _stopCodes, out var stopCode);
            if (found && stopCode.Ignore)
            {
                Count(RowFate.Ignored, line);
                return;
            }
            if (stopCode.Category is not { } category)
            {
                Unmapped("StopCodeDescription", row.GetString(_stopCode).Trim(), line);
                return;
            }
            found = RowFields.TryLabel(row[_motive], _motives, out var motive);
            if (found && motive.Ignore)
            {
                Count(RowFate.Ignored, line);
                return;
            }
            if (motive.Deliberate is null)
            {
                Unmapped("Motive", row.GetString(_motive).Trim(), line);
                return;
            }
            if (motive.Deliberate == false)
            {
                Count(RowFate.NotDeliberate, line);
                return;
            }
            var called = _dateTime >= 0
                ? RowFields.TryDateTime(row[_dateTime], _zone, out var at)
                : RowFields.TryDateAndTime(row[_date], row[_time], _zone, out at);
            if (!called)
            {
                var text = _dateTime >= 0 ? row.GetString(_dateTime) : $"{row.GetString(_date)} {row.GetString(_time)}";
                Count(RowFate.Malformed, line, $"time of call '{text.Trim()}' is not a date and time (yyyy-MM-dd HH:mm[:ss], dd/MM/yyyy HH:mm)");
                return;
            }
            if (at > _latest)
            {
                Count(RowFate.Malformed, line, $"time of call {at:yyyy-MM-dd HH:mm}Z is in the future");
                return;
            }
            var hasPlace = _place >= 0 && !RowFields.IsBlank(row[_place]);
            Place(row, batch, id, category, OccurredAt.Exact(at), hasPlace ? RowFields.LocationText(row[_place]) : [], hasPlace);
        }
    }
}
