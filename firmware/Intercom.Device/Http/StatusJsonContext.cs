using System.Text.Json.Serialization;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Outputs;

namespace Intercom.Device.Http;

/// <summary>Source-generated JSON for the status API (camelCase, enums as camelCase strings).</summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    Converters =
    [
        typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<InputKind>),
        typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<LedState>),
        typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<Intercom.Station.Controller.CallDirection>),
        typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<Intercom.Station.Controller.CallEndReason>),
        typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<Intercom.Station.Journal.StationEventKind>),
    ])]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ActionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Intercom.Station.Journal.LogPage<Intercom.Station.Journal.CallRecord>))]
[JsonSerializable(typeof(Intercom.Station.Journal.LogPage<Intercom.Station.Journal.StationEvent>))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
