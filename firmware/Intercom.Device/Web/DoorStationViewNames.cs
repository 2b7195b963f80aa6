using System.Text.Json;

namespace Intercom.Device.Web;

/// <summary>Enum values as the web page shows them (camelCase, like the JSON).</summary>
internal static class DoorStationViewNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
