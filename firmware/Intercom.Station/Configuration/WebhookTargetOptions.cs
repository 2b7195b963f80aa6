namespace Intercom.Station.Configuration;

/// <summary>One webhook receiver: <c>webhooks.targets[i]</c>.</summary>
public sealed class WebhookTargetOptions
{
    /// <summary>The URL posted to (https, or http on a trusted network).</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key for the signature header (secret, at least 16 characters).</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The events sent: <c>ring</c>, <c>answered</c>, <c>missed</c>, <c>callEnded</c>, <c>doorOpened</c>, <c>tamper</c>,
    /// <c>registrationLost</c>, <c>registrationRestored</c>; empty for all.
    /// </summary>
    public IReadOnlyList<string> Events { get; set; } = [];
}
