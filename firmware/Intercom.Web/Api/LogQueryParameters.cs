using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Intercom.Web.Api;

/// <summary>
/// Reads the filters and paging of a call or event log query (the web page's <c>/web/api/calls</c> and
/// <c>/web/api/journal</c>, and <c>/api/v1/calls</c> and <c>/api/v1/events</c>). A bad value adds a message that starts
/// with the parameter's name and the fix, and the filter is left out.
/// </summary>
internal static class LogQueryParameters
{
    /// <summary>The value of <paramref name="name"/>, or null when absent or empty.</summary>
    public static string? Text(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text ? text : null;

    /// <summary>An ISO 8601 time (UTC when no offset is given).</summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name, List<string> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add($"{name}: \"{text}\" is not a date; use ISO 8601, e.g. 2026-11-26 or 2026-11-26T18:00:00Z");
        return null;
    }

    /// <summary>One of the enum's camelCase names (numbers and combinations refused).</summary>
    public static T? Choice<T>(IQueryCollection query, string name, List<string> errors)
        where T : struct, Enum
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]))
        {
            return value;
        }

        errors.Add($"{name}: \"{text}\" is not one of {string.Join(", ", Enum.GetValues<T>().Select(Name))}");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static bool? Flag(IQueryCollection query, string name, List<string> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{name}: use true or false");
        return null;
    }

    /// <summary>A whole number in range; <paramref name="fallback"/> when absent or bad.</summary>
    public static int Number(IQueryCollection query, string name, int fallback, int minimum, int maximum, List<string> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        errors.Add($"{name}: use a whole number from {minimum} to {maximum}");
        return fallback;
    }

    /// <summary>The camelCase name an enum value has in queries and answers.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
