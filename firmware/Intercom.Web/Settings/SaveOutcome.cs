namespace Intercom.Web.Settings;

/// <summary>The result of saving settings, restoring a backup or resetting.</summary>
/// <param name="Saved">True when the change is saved and in effect.</param>
/// <param name="Errors">Why not, one per field; empty when saved.</param>
public sealed record SaveOutcome(bool Saved, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Saved.</summary>
    public static SaveOutcome Success { get; } = new(true, []);

    /// <summary>Rejected with configuration messages.</summary>
    public static SaveOutcome Rejected(IEnumerable<string> messages) => new(false, [.. messages.Select(FieldError.FromMessage)]);
}
