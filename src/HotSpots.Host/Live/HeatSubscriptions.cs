using HotSpots.Application.Monitoring;

namespace HotSpots.Host.Live;

/// <summary>Which selections have at least one connected dashboard, so the broadcaster computes only those.</summary>
public sealed class HeatSubscriptions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (HeatSelection Selection, HashSet<string> Connections)> _byGroup = [];

    public static string GroupName(HeatSelection s) => $"heat|{s.SetName}|{s.Group.Slug}|{s.Window.Slug}|{s.MonthText}";

    public string Add(string connectionId, HeatSelection selection)
    {
        var group = GroupName(selection);
        lock (_lock)
        {
            if (!_byGroup.TryGetValue(group, out var entry)) _byGroup[group] = entry = (selection, []);
            entry.Connections.Add(connectionId);
        }
        return group;
    }

    public string? Remove(string connectionId, HeatSelection selection)
    {
        var group = GroupName(selection);
        lock (_lock)
        {
            if (!_byGroup.TryGetValue(group, out var entry) || !entry.Connections.Remove(connectionId)) return null;
            if (entry.Connections.Count == 0) _byGroup.Remove(group);
        }
        return group;
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            foreach (var (group, entry) in _byGroup.ToList())
            {
                if (entry.Connections.Remove(connectionId) && entry.Connections.Count == 0) _byGroup.Remove(group);
            }
        }
    }

    public IReadOnlyList<(string Group, HeatSelection Selection)> Active()
    {
        lock (_lock)
        {
            return [.. _byGroup.Select(kv => (kv.Key, kv.Value.Selection))];
        }
    }
}
