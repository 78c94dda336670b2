using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HotSpots.Domain.Grid;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>A grid question: the heat selection's set, group and window, the cell size, FDR and harm.</summary>
public sealed record GridSelection(HeatSelection Heat, CellSize Size, bool FalseDiscoveryRate, bool? Harm);

/// <summary>One cell of an answer: its south-west corner (BNG metres), its count or harm sum, and its Gi*.</summary>
public sealed record GridCellReading(GridCell Cell, double Easting, double Northing, double Value, CellScore Score);

/// <summary>
/// A grid's Gi*: every cell of the set was scored (<paramref name="CellCount"/>), the cells listed are those with
/// incidents or a significant score. Without variance (<paramref name="HasVariance"/> false) no cell is scored.
/// </summary>
public sealed record GridReading(
    GridSelection Selection, bool Harm, int CellCount, double Total, double Mean, double StandardDeviation, bool HasVariance,
    IReadOnlyList<GridCellReading> Cells);

/// <summary>How long each step of an emerging hot spot analysis is.</summary>
public enum EmergingStep
{
    Month,
    Week,
}

/// <summary>
/// An emerging hot spot question: the set and group of <paramref name="Heat"/>, <paramref name="Steps"/> steps ending
/// with the month of <paramref name="Heat"/> (monthly steps) or with the hour it is asked (weekly steps, rolling 7 days).
/// </summary>
public sealed record EmergingSelection(HeatSelection Heat, EmergingStep Step, int Steps, CellSize Size, bool FalseDiscoveryRate, bool? Harm);

/// <summary>One cell's pattern over the steps, its total over them, and its last step's Gi*.</summary>
public sealed record EmergingCellReading(GridCell Cell, double Easting, double Northing, double Value, CellScore Last, EmergingResult Result);

/// <summary>Emerging hot spots over a grid; cells listed are those with a pattern or with incidents in any step.</summary>
public sealed record EmergingReading(EmergingSelection Selection, bool Harm, int CellCount, IReadOnlyList<string> StepLabels, IReadOnlyList<EmergingCellReading> Cells);

/// <summary>
/// Gi* over the cells of an area set, from the cell tiles' sums. The cells of a set and size (and their neighbour
/// lists) are worked out once per geography; each answer adds up the tiles (each keeps its last answer) and scores
/// the grid in one pass.
/// </summary>
public sealed class GridService(MonitorDirectory monitors, IOptions<HarmOptions> harm, TimeProvider time)
{
    private readonly ConditionalWeakTable<AreaSet, ConcurrentDictionary<int, Lazy<SetGrid>>> _grids = [];

    public async Task<GridReading> GetAsync(GridSelection selection, CancellationToken cancellationToken = default)
    {
        var set = monitors.Geography.Set(selection.Heat.Set);
        var grid = GridOf(set, selection.Size);
        var weighed = selection.Harm ?? harm.Value.Enabled;
        var query = new CellSumQuery(selection.Size.Metres, selection.Heat.Group, selection.Heat.Window, selection.Heat.MonthIndex,
            selection.Heat.At ?? time.GetUtcNow(), weighed ? harm.Value.Table() : null);
        return grid.Score(selection, weighed, query, await SumsAsync(grid, query, cancellationToken));
    }

    /// <summary>Gi* for each step (monthly: calendar months; weekly: rolling 7 days back from now), then each cell's pattern.</summary>
    public async Task<EmergingReading> GetEmergingAsync(EmergingSelection selection, CancellationToken cancellationToken = default)
    {
        var set = monitors.Geography.Set(selection.Heat.Set);
        var grid = GridOf(set, selection.Size);
        var weighed = selection.Harm ?? harm.Value.Enabled;
        var weights = weighed ? harm.Value.Table() : null;
        var now = time.GetUtcNow();
        var queries = Enumerable.Range(0, selection.Steps).Select(k =>
        {
            var back = selection.Steps - 1 - k;
            return selection.Step == EmergingStep.Month
                ? new CellSumQuery(selection.Size.Metres, selection.Heat.Group, Domain.Heat.HeatWindow.Month, selection.Heat.MonthIndex - back, now, weights)
                : new CellSumQuery(selection.Size.Metres, selection.Heat.Group, Domain.Heat.HeatWindow.Week, 0, now.AddDays(-7 * back), weights);
        }).ToList();
        var steps = new List<IReadOnlyList<CellSums>>();
        foreach (var query in queries) steps.Add(await SumsAsync(grid, query, cancellationToken));
        var labels = queries.Select(q => selection.Step == EmergingStep.Month
            ? $"{q.MonthIndex / 12:0000}-{q.MonthIndex % 12 + 1:00}"
            : q.At.AddDays(-7).ToString("yyyy-MM-dd'T'HH:00'Z'", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return grid.Emerging(selection, weighed, labels, steps);
    }

    private SetGrid GridOf(AreaSet set, CellSize size) =>
        _grids.GetValue(set, _ => new()).GetOrAdd(size.Metres, m => new(() => new SetGrid(set, new CellSize(m)))).Value;

    private async Task<CellSums[]> SumsAsync(SetGrid grid, CellSumQuery query, CancellationToken cancellationToken) =>
        await Task.WhenAll(grid.Tiles.Select(t => monitors.Grains.GetGrain<ICellTileGrain>(t).GetSumsAsync(query))).WaitAsync(cancellationToken);

    /// <summary>One set's grid of one cell size, and the tiles that cover it. Scored under its lock: the grid has one writer at a time.</summary>
    private sealed class SetGrid
    {
        private readonly CellGrid _grid;
        // Enough for every group, window and option a room of dashboards asks at once; when full, all are dropped.
        private const int AnswersKept = 64;

        private readonly Lock _lock = new();
        private readonly List<int> _filled = [];
        private readonly Lock _answersLock = new();
        private readonly Dictionary<AnswerKey, (long[] Versions, Lazy<GridReading> Reading)> _answers = [];

        public SetGrid(AreaSet set, CellSize size)
        {
            _grid = new CellGrid(size, GridCoverage.Cells(set, size));
            Tiles = [.. _grid.Cells.SelectMany(cell => CellTiles.Covering(size, cell)).Distinct(StringComparer.Ordinal)];
        }

        public IReadOnlyList<string> Tiles { get; }

        /// <summary>
        /// The scored grid, shared by every request that asks the same question of tiles holding the same incidents:
        /// concurrent equal requests wait for one computation instead of queueing for the grid one after another.
        /// </summary>
        public GridReading Score(GridSelection selection, bool harm, CellSumQuery query, IReadOnlyList<CellSums> sums)
        {
            var key = new AnswerKey(query.Group, query.Window, query.MonthIndex, query.Window.IsCalendarMonth ? 0 : Domain.Heat.AreaCounts.HourIndex(query.At),
                selection.FalseDiscoveryRate, harm);
            var versions = sums.Select(s => s.Version).ToArray();
            Lazy<GridReading> answer;
            lock (_answersLock)
            {
                if (!_answers.TryGetValue(key, out var known) || !known.Versions.AsSpan().SequenceEqual(versions))
                {
                    if (_answers.Count >= AnswersKept) _answers.Clear();
                    _answers[key] = known = new(versions, new Lazy<GridReading>(() => Compute(selection, harm, sums)));
                }
                answer = known.Reading;
            }
            return answer.Value;
        }

        private GridReading Compute(GridSelection selection, bool harm, IReadOnlyList<CellSums> sums)
        {
            lock (_lock)
            {
                Fill(sums);
                var scores = _grid.ScoreAll(selection.FalseDiscoveryRate);
                var cells = new List<GridCellReading>();
                for (var i = 0; i < _grid.Cells.Count; i++)
                {
                    var value = _grid.ValueAt(i);
                    var score = scores.Cells[i];
                    if (value <= 0 && score.Bin == 0) continue;
                    var (easting, northing) = _grid.Size.SouthWestOf(_grid.Cells[i]);
                    cells.Add(new GridCellReading(_grid.Cells[i], easting, northing, value, score));
                }
                return new GridReading(selection, harm, _grid.Cells.Count, _grid.Total, scores.Mean, scores.StandardDeviation, scores.HasVariance, cells);
            }
        }

        public EmergingReading Emerging(EmergingSelection selection, bool harm, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<CellSums>> steps)
        {
            var n = _grid.Cells.Count;
            var series = new CellScore[n][];
            var totals = new double[n];
            for (var i = 0; i < n; i++) series[i] = new CellScore[steps.Count];
            lock (_lock)
            {
                for (var t = 0; t < steps.Count; t++)
                {
                    Fill(steps[t]);
                    var scores = _grid.ScoreAll(selection.FalseDiscoveryRate);
                    for (var i = 0; i < n; i++)
                    {
                        series[i][t] = scores.Cells[i];
                        totals[i] += _grid.ValueAt(i);
                    }
                }
            }
            var cells = new List<EmergingCellReading>();
            for (var i = 0; i < n; i++)
            {
                var result = EmergingHotSpots.Classify(series[i]);
                if (totals[i] <= 0 && result.Pattern == EmergingPattern.NoPattern) continue;
                var (easting, northing) = _grid.Size.SouthWestOf(_grid.Cells[i]);
                cells.Add(new EmergingCellReading(_grid.Cells[i], easting, northing, totals[i], series[i][^1], result));
            }
            return new EmergingReading(selection, harm, n, labels, cells);
        }

        private readonly record struct AnswerKey(CategoryGroup Group, Domain.Heat.HeatWindow Window, int MonthIndex, long Hour, bool FalseDiscoveryRate, bool Harm);

        /// <summary>Sets every cell to its sum over the tiles (cells of a size that does not divide a tile are added up across them).</summary>
        private void Fill(IReadOnlyList<CellSums> sums)
        {
            foreach (var index in _filled) _grid.Set(index, 0);
            _filled.Clear();
            foreach (var tile in sums)
            {
                for (var k = 0; k < tile.Columns.Length; k++)
                {
                    if (!_grid.TryIndexOf(new GridCell(tile.Columns[k], tile.Rows[k]), out var index)) continue;
                    _grid.Set(index, _grid.ValueAt(index) + tile.Values[k]);
                    _filled.Add(index);
                }
            }
        }
    }
}
