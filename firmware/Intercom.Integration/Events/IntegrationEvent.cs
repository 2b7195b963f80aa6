using System.Globalization;

namespace Intercom.Integration.Events;

/// <summary>One event for home automation. <see cref="Detail"/> never holds a secret or a door-code digit.</summary>
/// <param name="Sequence">Increasing number within this run of the service.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When (the device's wall clock).</param>
/// <param name="Subject">The button, relay, account or peer concerned; null when none.</param>
/// <param name="Detail">A short description.</param>
public sealed record IntegrationEvent(long Sequence, IntegrationEventKind Kind, DateTimeOffset Time, string? Subject, string Detail)
{
    /// <summary>The event's name on the wire (<c>ring</c>, <c>doorOpened</c>, ...).</summary>
    public string Name => NameOf(Kind);

    /// <summary>The wire name of <paramref name="kind"/>: the enum name in camelCase, as the <c>webhooks</c> section lists them.</summary>
    public static string NameOf(IntegrationEventKind kind)
    {
        var text = kind.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{char.ToLowerInvariant(text[0])}{text.AsSpan(1)}");
    }
}
