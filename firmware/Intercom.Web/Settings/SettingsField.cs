namespace Intercom.Web.Settings;

/// <summary>
/// One field of a settings form. The browser renders it by <see cref="Kind"/>: <c>text</c>, <c>optionalText</c>,
/// <c>integer</c>, <c>optionalInteger</c>, <c>number</c>, <c>boolean</c>, <c>optionalBoolean</c> (default/yes/no),
/// <c>choice</c>, <c>optionalChoice</c> (a choice or the default), <c>choiceList</c> (an ordered list of
/// <see cref="Choices"/>, typed comma-separated), <c>duration</c> (seconds in the form, <c>hh:mm:ss.fff</c> in the
/// file), <c>secret</c> (write-only: never sent to the browser, empty keeps the stored value), <c>list</c> (a list of
/// objects with <see cref="Fields"/>, also inside a list item), <c>map</c> (an object keyed by its items' first field,
/// e.g. <c>media.accounts.&lt;account&gt;</c>).
/// </summary>
/// <param name="Key">The JSON name inside its parent (dots for nested objects: <c>gpio.driver</c>).</param>
/// <param name="Label">What the installer reads.</param>
/// <param name="Kind">How it is edited.</param>
/// <param name="Help">One line under the field; null for none.</param>
/// <param name="Choices">The allowed values of a <c>choice</c>.</param>
/// <param name="Minimum">Lowest number the browser offers (the server validates anyway).</param>
/// <param name="Maximum">Highest number the browser offers.</param>
/// <param name="Fields">The fields of each item of a <c>list</c> or <c>map</c>.</param>
public sealed record SettingsField(
    string Key, string Label, string Kind, string? Help = null, IReadOnlyList<string>? Choices = null,
    double? Minimum = null, double? Maximum = null, IReadOnlyList<SettingsField>? Fields = null)
{
    /// <summary>The kind of a list of objects.</summary>
    public const string ListKind = "list";
}
