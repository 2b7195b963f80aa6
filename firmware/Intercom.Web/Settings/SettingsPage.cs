namespace Intercom.Web.Settings;

/// <summary>One settings page: some top-level fields of one configuration section.</summary>
/// <param name="Id">The page's address (<c>#/settings/relays</c>).</param>
/// <param name="Title">Its heading.</param>
/// <param name="Section">The configuration section it edits (<c>hardware</c>).</param>
/// <param name="Description">One paragraph for the installer.</param>
/// <param name="RestartRequired">True when a saved change takes effect only after a restart.</param>
/// <param name="Fields">Its fields; saving replaces exactly these keys of the section.</param>
public sealed record SettingsPage(string Id, string Title, string Section, string Description, bool RestartRequired, IReadOnlyList<SettingsField> Fields);
