namespace HotSpots.Application.Reports;

/// <summary>
/// A report's parameter that cannot be honoured (unreadable, reversed, not complete yet, unknown), named as the API and
/// the command line name it, so either can answer with the parameter and the reason.
/// </summary>
public sealed class ReportInputException(string parameter, string message) : ArgumentException(message, parameter)
{
    public string Parameter { get; } = parameter;

    /// <summary>The reason alone (<see cref="ArgumentException.Message"/> appends the parameter's name).</summary>
    public string Reason { get; } = message;
}
