using System.Globalization;
using System.Text.RegularExpressions;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>Reads a scrape of the metrics endpoint (Prometheus' text format).</summary>
public static class PrometheusText
{
    /// <summary>The value of the one sample of a metric that has every one of <paramref name="labels"/> (each <c>name="value"</c>).</summary>
    public static double Sample(string scrape, string metric, params string[] labels)
    {
        var values = scrape.Split('\n')
            .Select(line => Regex.Match(line, $"^{Regex.Escape(metric)}(?:{{(?<labels>[^}}]*)}})? (?<value>\\S+)"))
            .Where(m => m.Success && labels.All(l => m.Groups["labels"].Value.Split(',').Contains(l)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return Assert.Single(values);
    }
}
