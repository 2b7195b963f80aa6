using System.Text.Json.Serialization;
using Intercom.Audio;
using Intercom.Hardware.Configuration;

namespace Intercom.Station.Configuration;

/// <summary>
/// Source-generated JSON for the configuration file: camelCase names, enums as strings, unknown fields refused
/// (a misspelt field is an error, not silently ignored), null refused where the property is not nullable, a
/// field given twice refused, comments and trailing commas allowed for hand editing, computed properties not written.
/// Public so the web page can read and write sections with the same rules.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    WriteIndented = true,
    IgnoreReadOnlyProperties = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<GpioDriverKind>),
        typeof(CamelCaseEnumConverter<InputKind>),
        typeof(CamelCaseEnumConverter<InputBias>),
        typeof(CamelCaseEnumConverter<RelayMode>),
        typeof(CamelCaseEnumConverter<AudioBackend>),
        typeof(CamelCaseEnumConverter<Intercom.Media.Codecs.AudioCodec>),
        typeof(CamelCaseEnumConverter<Intercom.Media.Sdp.SrtpPolicy>),
        typeof(CamelCaseEnumConverter<Calls.DtmfMode>),
    ])]
[JsonSerializable(typeof(IntercomOptions))]
[JsonSerializable(typeof(HardwareOptions))]
[JsonSerializable(typeof(AudioOptions))]
public sealed partial class ConfigurationJsonContext : JsonSerializerContext;
