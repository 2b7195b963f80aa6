using System.Text.Json.Serialization;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Outputs;
using Intercom.Station.Configuration;
using Intercom.Web.Settings;
using Intercom.Web.Station;

namespace Intercom.Web.Api;

/// <summary>Source-generated JSON of the web page and API (camelCase, enums as camelCase strings).</summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(CamelCaseEnumConverter<InputKind>),
        typeof(CamelCaseEnumConverter<LedState>),
        typeof(CamelCaseEnumConverter<ActionStatus>),
    ])]
[JsonSerializable(typeof(StationStatus))]
[JsonSerializable(typeof(StationEvent))]
[JsonSerializable(typeof(IReadOnlyList<StationEvent>))]
[JsonSerializable(typeof(LoopbackTestResult))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(FieldErrorsMessage))]
[JsonSerializable(typeof(SessionMessage))]
[JsonSerializable(typeof(PasswordMessage))]
[JsonSerializable(typeof(PasswordChangeMessage))]
[JsonSerializable(typeof(ActionMessage))]
[JsonSerializable(typeof(SavedMessage))]
[JsonSerializable(typeof(TokenRequestMessage))]
[JsonSerializable(typeof(IReadOnlyList<TokenSummaryMessage>))]
[JsonSerializable(typeof(TokenCreatedMessage))]
[JsonSerializable(typeof(FactoryResetMessage))]
[JsonSerializable(typeof(NetworkMessage))]
[JsonSerializable(typeof(SettingsMessage))]
[JsonSerializable(typeof(IReadOnlyList<SettingsPage>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(CallLogPageMessage))]
[JsonSerializable(typeof(IReadOnlyList<CallLogEntryMessage>))]
[JsonSerializable(typeof(JournalPageMessage))]
[JsonSerializable(typeof(IReadOnlyList<JournalEntryMessage>))]
[JsonSerializable(typeof(TestCallMessage))]
public sealed partial class WebJsonContext : JsonSerializerContext;
