using System.Text.Json.Serialization;

namespace Intercom.Web.Api.V1;

/// <summary>Source-generated JSON of the API v1 home-automation routes (camelCase).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlaceCallMessage))]
[JsonSerializable(typeof(CallActionMessage))]
[JsonSerializable(typeof(CallPageMessage))]
[JsonSerializable(typeof(EventPageMessage))]
[JsonSerializable(typeof(StreamEventMessage))]
internal sealed partial class ApiV1JsonContext : JsonSerializerContext;
