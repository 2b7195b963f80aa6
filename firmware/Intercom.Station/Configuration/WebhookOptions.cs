namespace Intercom.Station.Configuration;

/// <summary>The <c>webhooks</c> section: where events are posted, and how hard the sender tries.</summary>
public sealed class WebhookOptions
{
    /// <summary>The receivers.</summary>
    public IReadOnlyList<WebhookTargetOptions> Targets { get; set; } = [];

    /// <summary>How long one delivery attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per event and receiver (1 = no retry).</summary>
    public int MaximumAttempts { get; set; } = 4;

    /// <summary>The delay before the first retry; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events waiting to be sent; when the queue is full new events are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 64;
}
