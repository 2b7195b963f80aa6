using System.Text.Json;

namespace Intercom.Device.Configuration;

/// <summary>Reads, validates and writes the JSON configuration file.</summary>
public static class ConfigurationFile
{
    /// <summary>Where the service looks without <c>--config</c>.</summary>
    public const string DefaultPath = "/etc/intercom/intercom.json";

    /// <summary>Larger files are refused: the configuration is a few kilobytes.</summary>
    public const int MaximumFileBytes = 1024 * 1024;

    /// <summary>Reads and validates <paramref name="path"/>. Never throws for a missing, unreadable or bad file.</summary>
    public static ConfigurationLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return ConfigurationLoadResult.Failure([$"{path}: no such file; pass --config PATH or create it (see README)"]);
            }

            if (info.Length > MaximumFileBytes)
            {
                return ConfigurationLoadResult.Failure([$"{path}: {info.Length} bytes is too large for a configuration file (at most {MaximumFileBytes})"]);
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ConfigurationLoadResult.Failure([$"{path}: cannot read: {exception.Message}"]);
        }

        return Parse(content);
    }

    /// <summary>Parses and validates configuration JSON.</summary>
    public static ConfigurationLoadResult Parse(ReadOnlySpan<byte> json)
    {
        IntercomOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(json, ConfigurationJsonContext.Default.IntercomOptions);
        }
        catch (JsonException exception)
        {
            return ConfigurationLoadResult.Failure([Describe(exception)]);
        }

        if (options is null)
        {
            return ConfigurationLoadResult.Failure(["the file holds null; it must hold one JSON object { \"hardware\": ..., \"http\": ... }"]);
        }

        var errors = ConfigurationSections.Validate(options);
        return errors.Count == 0 ? ConfigurationLoadResult.Success(options) : ConfigurationLoadResult.Failure(errors);
    }

    /// <summary>The JSON text of <paramref name="options"/>, as saved.</summary>
    public static byte[] Serialize(IntercomOptions options) =>
        JsonSerializer.SerializeToUtf8Bytes(options, ConfigurationJsonContext.Default.IntercomOptions);

    /// <summary>True when two hardware sections would be saved identically.</summary>
    public static bool SameHardware(Intercom.Hardware.Configuration.HardwareOptions left, Intercom.Hardware.Configuration.HardwareOptions right) =>
        JsonSerializer.SerializeToUtf8Bytes(left, ConfigurationJsonContext.Default.HardwareOptions)
            .AsSpan()
            .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(right, ConfigurationJsonContext.Default.HardwareOptions));

    private static string Describe(JsonException exception)
    {
        // JsonException paths look like "$.hardware.relays[0].pulseDuration"; we name fields without the "$.".
        var path = exception.Path is { Length: > 2 } jsonPath && jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : "(top level)";
        var where = exception.LineNumber is long line ? $" (line {line + 1})" : "";
        var message = exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{path}{where}: unknown field; check its spelling against the configuration reference in README.md ({FirstSentence(message)})";
        }

        if (exception.InnerException is FormatException || message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"{path}{where}: wrong type or format; durations are \"hh:mm:ss.fff\" strings, enums are names such as \"doorButton\" ({FirstSentence(message)})";
        }

        return $"{path}{where}: not valid JSON: {FirstSentence(message)}";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
