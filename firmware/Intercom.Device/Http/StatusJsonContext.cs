using System.Text.Json.Serialization;
using Intercom.Hardware.Configuration;
using Intercom.Hardware.Outputs;

namespace Intercom.Device.Http;

/// <summary>Source-generated JSON for the status API (camelCase, enums as camelCase strings).</summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    Converters = [typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<InputKind>), typeof(Intercom.Station.Configuration.CamelCaseEnumConverter<LedState>)])]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ActionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
