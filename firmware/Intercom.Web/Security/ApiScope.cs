namespace Intercom.Web.Security;

/// <summary>What an API token may do. <see cref="Admin"/> includes every other scope.</summary>
public static class ApiScope
{
    /// <summary>Read status, logs and events.</summary>
    public const string Read = "read";

    /// <summary>Open doors (pulse relays).</summary>
    public const string Door = "door";

    /// <summary>Place and end calls, press the door button virtually.</summary>
    public const string Call = "call";

    /// <summary>Everything, including configuration.</summary>
    public const string Admin = "admin";
}
