using System.CommandLine.Parsing;
using System.Globalization;

namespace HotSpots.Cli;

/// <summary>Option values that are not plain numbers or words, read as the README writes them.</summary>
internal static class ValueParsers
{
    /// <summary>"90s", "5m", "1h" or "1.5h".</summary>
    public static TimeSpan? Duration(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
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
        result.AddError($"{Name(result)} '{text}' is not a duration such as 90s, 5m or 1h");
        return null;
    }

    /// <summary>A day as yyyy-MM-dd, read as the start of that day in UTC.</summary>
    public static DateTimeOffset? Day(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return new DateTimeOffset(day, TimeSpan.Zero);
        result.AddError($"{Name(result)} '{text}' is not yyyy-MM-dd");
        return null;
    }

    public static int WholeNumber(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, CultureInfo.InvariantCulture, out var number)) return number;
        result.AddError($"{Name(result)} '{text}' is not a whole number");
        return 0;
    }

    public static double Number(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (double.TryParse(text, CultureInfo.InvariantCulture, out var number)) return number;
        result.AddError($"{Name(result)} '{text}' is not a number");
        return 0;
    }

    /// <summary>
    /// For an argument that takes any word (files, a scenario): a word that looks like an option is a mistyped or
    /// misplaced option, not a file called "--speed". A file whose name starts with "-" is named as ./-file.
    /// </summary>
    public static void NoOptions(ArgumentResult result)
    {
        if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-') is { } option) result.AddError($"unknown option '{option.Value}'");
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
