namespace Intercom.Station.Configuration;

/// <summary>One API token: <c>security.apiTokens[i]</c>. The token itself is shown once at creation; only its hash is kept.</summary>
public sealed class ApiTokenOptions
{
    /// <summary>The public part of the token (lower case hex), which finds the entry; unique.</summary>
    public string Id { get; set; } = "";

    /// <summary>What the token is for ("home assistant"); shown on the web page.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the whole token, base64.</summary>
    public string Hash { get; set; } = "";

    /// <summary>What the token may do: <c>read</c>, <c>door</c>, <c>call</c>, <c>admin</c>.</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>When it was made (the device clock, which may be wrong before NTP sync).</summary>
    public DateTimeOffset Created { get; set; }
}
