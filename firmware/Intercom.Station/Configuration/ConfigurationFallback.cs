namespace Intercom.Station.Configuration;

/// <summary>Why the service runs on the last good configuration instead of its configuration file.</summary>
/// <param name="ConfigurationPath">The configuration file that was refused.</param>
/// <param name="LastGoodPath">The copy the service runs on.</param>
/// <param name="RejectedPath">Where the refused file was moved; null when there was no file to move or it could not be moved.</param>
/// <param name="Problems">What is wrong with it, each naming the field; never a secret's value.</param>
public sealed record ConfigurationFallback(string ConfigurationPath, string LastGoodPath, string? RejectedPath, IReadOnlyList<string> Problems)
{
    /// <summary>The first problem, with a count of the others.</summary>
    public string Reason => Problems.Count switch
    {
        0 => "unknown problem",
        1 => Problems[0],
        _ => $"{Problems[0]} (and {Problems.Count - 1} more)",
    };

    /// <summary>The line the status API and the dashboard show until the next successful save.</summary>
    public string Warning =>
        $"running on the last good configuration: {ConfigurationPath} was refused: {Reason}" +
        (RejectedPath is null ? "" : $"; the refused file is kept as {RejectedPath}") +
        "; saving the settings replaces it";
}
