using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intercom.Station.Configuration;

/// <summary>Enums as camelCase strings (<c>"doorButton"</c>); numbers are refused so typos cannot slip through.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
