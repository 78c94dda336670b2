namespace HotSpots.Cli;

/// <summary>
/// A usage mistake found only once a command runs (a period that turns out empty once the data's own dates are known);
/// everything that can be checked from the command line alone is a parse error instead.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
