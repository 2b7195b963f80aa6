using System.Text.Json;

namespace Intercom.Station.Configuration;

/// <summary>Reads, validates and writes the JSON configuration file.</summary>
public static class ConfigurationFile
{
    /// <summary>Where the service looks without <c>--config</c>.</summary>
    public const string DefaultPath = "/etc/intercom/intercom.json";

    /// <summary>Larger files are refused: the configuration is a few kilobytes.</summary>
    public const int MaximumFileBytes = 1024 * 1024;

    /// <summary>Reads and validates <paramref name="path"/>. Never throws for a missing, unreadable or bad file.</summary>
    public static ConfigurationLoadResult Load(string path) => Load(path, out _);

    /// <summary>
    /// Reads and validates <paramref name="path"/>, and hands out the bytes it read (null when it could not read them),
    /// so a caller that keeps a copy keeps exactly what was validated. Never throws for a missing, unreadable or bad file.
    /// </summary>
    public static ConfigurationLoadResult Load(string path, out byte[]? content)
    {
        ArgumentNullException.ThrowIfNull(path);
        content = null;
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
            return ConfigurationLoadResult.Failure(["the file holds null; it must hold one JSON object { \"hardware\": ..., \"web\": ... }"]);
        }

        // The deserializer has read the whole document, so it parses again here without surprises.
        if (NullListEntries.Find(json) is { Count: > 0 } nullEntries)
        {
            return ConfigurationLoadResult.Failure(nullEntries);
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

        if (message.Contains("null values", StringComparison.Ordinal))
        {
            return $"{path}{where}: null is not allowed here; remove the field to use its default or give a value";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"{path}{where}: a field is given twice; keep one of them ({FirstSentence(message)})";
        }

        const string Converted = "could not be converted to ";
        var convertedAt = message.IndexOf(Converted, StringComparison.Ordinal);
        if (convertedAt >= 0)
        {
            var typeName = FirstSentence(message[(convertedAt + Converted.Length)..]).Trim();
            return $"{path}{where}: wrong type; expected {Expected(typeName)}";
        }

        // The parser quotes the character it stopped at ("'x' is invalid after a value"); that may be part of a
        // password, and the message may reach a log or the status API: name the line, not the character.
        var sentence = FirstSentence(message);
        if (sentence.Length > 2 && sentence[0] == '\'' && sentence.IndexOf("' ", 1, StringComparison.Ordinal) is > 0 and <= 5)
        {
            sentence = "a character" + sentence[(sentence.IndexOf("' ", 1, StringComparison.Ordinal) + 1)..];
        }

        return $"{path}{where}: not valid JSON: {sentence}";
    }

    private static string Expected(string typeName)
    {
        // JsonException names the target type, e.g. "System.Int32", "System.Nullable`1[System.Int32]",
        // "System.Collections.Generic.IReadOnlyList`1[...]".
        var open = typeName.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (typeName.StartsWith("System.Nullable", StringComparison.Ordinal))
            {
                return Expected(typeName[(open + 1)..].TrimEnd(']'));
            }

            return "a list [ ... ]";
        }

        return typeName[(typeName.LastIndexOf('.') + 1)..] switch
        {
            "TimeSpan" => "a duration string \"hh:mm:ss.fff\", e.g. \"00:00:03\"",
            "Int32" => "a whole number",
            "Boolean" => "true or false",
            "String" => "a string in double quotes",
            nameof(Intercom.Hardware.Configuration.GpioDriverKind) => EnumNames<Intercom.Hardware.Configuration.GpioDriverKind>(),
            nameof(Intercom.Hardware.Configuration.InputKind) => EnumNames<Intercom.Hardware.Configuration.InputKind>(),
            nameof(Intercom.Hardware.Configuration.InputBias) => EnumNames<Intercom.Hardware.Configuration.InputBias>(),
            nameof(Intercom.Hardware.Configuration.RelayMode) => EnumNames<Intercom.Hardware.Configuration.RelayMode>(),
            nameof(Intercom.Sip.Configuration.SipTransportPreference) => EnumNames<Intercom.Sip.Configuration.SipTransportPreference>(),
            nameof(Intercom.Media.Codecs.AudioCodec) => EnumNames<Intercom.Media.Codecs.AudioCodec>(),
            nameof(Intercom.Media.Sdp.SrtpPolicy) => EnumNames<Intercom.Media.Sdp.SrtpPolicy>(),
            nameof(Intercom.Audio.AudioBackend) => EnumNames<Intercom.Audio.AudioBackend>(),
            nameof(CallPlanMode) => EnumNames<CallPlanMode>(),
            nameof(SecondPressAction) => EnumNames<SecondPressAction>(),
            nameof(InboundCallMode) => EnumNames<InboundCallMode>(),
            "Double" => "a number",
            "DateTimeOffset" => "a date and time \"yyyy-mm-ddThh:mm:ssZ\"",
            _ => "an object { ... }",
        };
    }

    private static string EnumNames<TEnum>()
        where TEnum : struct, Enum =>
        "one of " + string.Join(", ", Enum.GetNames<TEnum>().Select(name => $"\"{JsonNamingPolicy.CamelCase.ConvertName(name)}\""));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
