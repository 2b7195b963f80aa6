using Intercom.Web.Settings;

namespace Intercom.Web.Api;

// The small request and response bodies of the web page's JSON routes: one closed family, kept together.

/// <summary>A refused request: what went wrong and what to do.</summary>
public sealed record ErrorMessage(string Error, double? RetryAfterSeconds = null, bool? LockedOut = null);

/// <summary>A refused save: one message per field.</summary>
public sealed record FieldErrorsMessage(string Error, IReadOnlyList<FieldError> Errors);

/// <summary>The state of the browser's session: <c>setup</c> (no password yet), <c>login</c> or <c>authenticated</c>.</summary>
public sealed record SessionMessage(string State, string? CsrfToken, string HostName);

/// <summary>First-boot setup or login.</summary>
public sealed record PasswordMessage(string? Password);

/// <summary>A password change.</summary>
public sealed record PasswordChangeMessage(string? CurrentPassword, string? NewPassword);

/// <summary>A successful action (press, pulse, tone).</summary>
public sealed record ActionMessage(string Name, string Action, double DurationMilliseconds, string Message = "");

/// <summary>A saved change.</summary>
public sealed record SavedMessage(bool Saved, bool RestartRequired, string Message);

/// <summary>A request for a new API token.</summary>
public sealed record TokenRequestMessage(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>An API token as listed (never the token or its hash).</summary>
public sealed record TokenSummaryMessage(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset Created);

/// <summary>A new API token: the only time the token itself is sent.</summary>
public sealed record TokenCreatedMessage(string Id, string Name, IReadOnlyList<string> Scopes, string Token);

/// <summary>A factory reset request; <c>confirmation</c> must read <c>factory reset</c>.</summary>
public sealed record FactoryResetMessage(string? Confirmation);

/// <summary>One network interface.</summary>
public sealed record InterfaceMessage(string Name, string Type, bool Up, string? MacAddress, IReadOnlyList<string> Addresses, IReadOnlyList<string> Gateways);

/// <summary>Network facts for the installer; <c>Ports</c> says where SIP and RTP listen.</summary>
public sealed record NetworkMessage(
    string HostName, IReadOnlyList<InterfaceMessage> Interfaces, IReadOnlyList<string> DnsServers, string CertificateFingerprint,
    DateTimeOffset CertificateNotAfter, IReadOnlyList<string> Urls, Station.StationPorts? Ports = null);

/// <summary>A settings page with its current values (secrets removed).</summary>
public sealed record SettingsMessage(SettingsPage Page, System.Text.Json.Nodes.JsonObject Values);
