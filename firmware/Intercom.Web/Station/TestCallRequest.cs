namespace Intercom.Web.Station;

/// <summary>A test call from the web page: either a button's plan or one target (through an account or the first registered one).</summary>
/// <param name="Button">The door button input whose call plan runs; null to call <paramref name="Target"/>.</param>
/// <param name="Target">An extension, SIP URI or IP address; used when <paramref name="Button"/> is null.</param>
/// <param name="Account">The account for <paramref name="Target"/>; null for the first registered one.</param>
public sealed record TestCallRequest(string? Button, string? Target, string? Account);
