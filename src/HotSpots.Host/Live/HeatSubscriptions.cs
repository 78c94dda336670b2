using HotSpots.Application.Monitoring;

namespace HotSpots.Host.Live;

/// <summary>
/// Which selections have at least one connected dashboard, so the broadcaster computes only those, and what each
/// group was last told, so that pushes carry only areas whose values changed.
/// </summary>
public sealed class HeatSubscriptions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Group> _groups = [];

    public static string GroupName(HeatSelection s) => $"heat|{s.SetName}|{s.Group.Slug}|{s.Window.Slug}|{s.MonthText}";

    public string Add(string connectionId, HeatSelection selection)
    {
        var name = GroupName(selection);
        lock (_lock)
        {
            if (!_groups.TryGetValue(name, out var group)) _groups[name] = group = new Group(selection);
            group.Connections.Add(connectionId);
        }
        return name;
    }

    /// <summary>Records a snapshot a subscriber was given, for areas the group has not been told about yet.</summary>
    public void Seed(string name, IEnumerable<AreaHeat> areas)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(name, out var group)) return;
            foreach (var area in areas) group.LastSent.TryAdd(area.Code, area);
        }
    }

    /// <summary>The areas whose values differ from what the group was last sent; they become the last sent.</summary>
    public List<AreaHeat> TakeChanged(string name, IEnumerable<AreaHeat> areas)
    {
        var changed = new List<AreaHeat>();
        lock (_lock)
        {
            if (!_groups.TryGetValue(name, out var group)) return changed;
            foreach (var area in areas)
            {
                if (group.LastSent.TryGetValue(area.Code, out var previous) && previous == area) continue;
                group.LastSent[area.Code] = area;
                changed.Add(area);
            }
        }
        return changed;
    }

    public string? Remove(string connectionId, HeatSelection selection)
    {
        var name = GroupName(selection);
        lock (_lock)
        {
            if (!_groups.TryGetValue(name, out var group) || !group.Connections.Remove(connectionId)) return null;
            if (group.Connections.Count == 0) _groups.Remove(name);
        }
        return name;
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            foreach (var (name, group) in _groups.ToList())
            {
                if (group.Connections.Remove(connectionId) && group.Connections.Count == 0) _groups.Remove(name);
            }
        }
    }

    public IReadOnlyList<(string Group, HeatSelection Selection)> Active()
    {
        lock (_lock)
        {
            return [.. _groups.Select(kv => (kv.Key, kv.Value.Selection))];
        }
    }

    private sealed class Group(HeatSelection selection)
    {
        public HeatSelection Selection { get; } = selection;

        public HashSet<string> Connections { get; } = [];

        public Dictionary<string, AreaHeat> LastSent { get; } = [];
    }
}
