namespace Intercom.Web.Tests.Browser;

/// <summary>
/// The browser test classes run one after the other: each drives Chromium against a whole service (and some start
/// kamailio or baresip), and two of them side by side on a two-core CI machine starve page loads past their timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup
{
    public const string Name = "Chromium";
}
