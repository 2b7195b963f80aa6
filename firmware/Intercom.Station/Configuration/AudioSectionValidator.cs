using System.Text.Json;
using Intercom.Audio;
using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>
/// Validates the <c>audio</c> section with the audio engine's own <see cref="AudioOptionsValidator"/> and puts the
/// field's JSON path in front of each message (<c>audio.microphoneGainDb: MicrophoneGainDb is 40; use −20 to 30 dB.</c>),
/// so the web page can show it beside the field.
/// </summary>
public sealed class AudioSectionValidator : IValidateOptions<AudioOptions>
{
    private static readonly AudioOptionsValidator Inner = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        var result = Inner.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }

        var messages = (result.Failures ?? [result.FailureMessage]).Select(ToJsonPath).ToArray();
        return ValidateOptionsResult.Fail(messages);
    }

    /// <summary><c>Audio:SampleRateHz is ...</c> → <c>audio.sampleRateHz: SampleRateHz is ...</c>.</summary>
    internal static string ToJsonPath(string message)
    {
        const string Prefix = AudioOptions.SectionName + ":";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"audio: {message}";
        }

        var rest = message[Prefix.Length..];
        var end = 0;
        while (end < rest.Length && char.IsAsciiLetterOrDigit(rest[end]))
        {
            end++;
        }

        return end == 0 ? $"audio: {rest}" : $"audio.{JsonNamingPolicy.CamelCase.ConvertName(rest[..end])}: {rest}";
    }
}
