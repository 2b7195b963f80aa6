namespace Intercom.Web.Settings;

/// <summary>A validation message for one field.</summary>
/// <param name="Path">The field's JSON path (<c>hardware.relays[0].pulseDuration</c>); the section name when it is about no one field.</param>
/// <param name="Message">The whole message, naming the fix.</param>
public sealed record FieldError(string Path, string Message)
{
    /// <summary>
    /// Splits a configuration message (<c>path: text</c> or <c>path (line N): text</c>) into its path and message.
    /// The line refers to the merged document the server built, so it is dropped.
    /// </summary>
    public static FieldError FromMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return new FieldError("", message);
        }

        var path = message[..colon];
        var text = message[(colon + 2)..];
        var line = path.IndexOf(" (line ", StringComparison.Ordinal);
        if (line > 0)
        {
            path = path[..line];
        }

        return path.Contains(' ', StringComparison.Ordinal) ? new FieldError("", message) : new FieldError(path, $"{path}: {text}");
    }
}
