using Intercom.Audio;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>audio</c> section with the audio library's validator, renaming its fields to JSON paths.</summary>
public sealed class AudioSectionValidator : IConfigurationSectionValidator
{
    private readonly AudioOptionsValidator _validator = new();

    /// <inheritdoc />
    public string Name => "audio";

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(IntercomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Audio is null)
        {
            return ["audio: the section is null; remove it to use the defaults or give it as an object { ... }"];
        }

        var result = _validator.Validate(Name, options.Audio);
        if (!result.Failed)
        {
            return [];
        }

        // The audio library says "Audio:SampleRateHz is 8000; ..."; the file calls it "audio.sampleRateHz".
        const string Prefix = AudioOptions.SectionName + ":";
        return [.. (result.Failures ?? [result.FailureMessage]).Select(message =>
            message.StartsWith(Prefix, StringComparison.Ordinal) && message.Length > Prefix.Length
                ? $"audio.{char.ToLowerInvariant(message[Prefix.Length])}{message[(Prefix.Length + 1)..]}"
                : $"audio: {message}")];
    }
}
