using System.Globalization;

namespace HotSpots.Cli;

/// <summary>
/// A command's words after its name: positional values, <c>--name value</c> options and <c>--flag</c>s, checked
/// against what the command knows. <c>--HotSpots:Key=value</c> settings are taken out before.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = [];
    private readonly HashSet<string> _flags = [];

    private Arguments()
    {
    }

    public List<string> Positional { get; } = [];

    public static Arguments Parse(IReadOnlyList<string> words, IReadOnlySet<string> options, IReadOnlySet<string> flags, out string? error)
    {
        var parsed = new Arguments();
        error = null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                parsed.Positional.Add(word);
            }
            else if (flags.Contains(word))
            {
                parsed._flags.Add(word);
            }
            else if (options.Contains(word))
            {
                if (i + 1 >= words.Count)
                {
                    error = $"{word} needs a value";
                    return parsed;
                }
                if (!parsed._options.TryGetValue(word, out var values)) parsed._options[word] = values = [];
                values.Add(words[++i]);
            }
            else
            {
                error = $"unknown option '{word}'";
                return parsed;
            }
        }
        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _options.TryGetValue(option, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string option) => _options.TryGetValue(option, out var values) ? values : [];

    /// <summary>"90s", "5m", "1h" or "1.5h".</summary>
    public static TimeSpan Duration(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (double.TryParse(text[..^1], CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (unit)
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
            }
        }
        throw new UsageException($"'{text}' is not a duration such as 90s, 5m or 1h");
    }
}
