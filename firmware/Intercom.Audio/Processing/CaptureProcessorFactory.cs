namespace Intercom.Audio.Processing;

/// <summary>Builds the capture processing the configuration asks for, so every host wires the canceller the same way.</summary>
public static class CaptureProcessorFactory
{
    /// <summary>
    /// The echo canceller (with its residual echo suppressor, and noise suppression when switched on) when echo
    /// cancellation is enabled, the default; <c>null</c> (pass-through) when it is switched off. Noise suppression
    /// runs inside the canceller's suppressor, so switching the canceller off also switches it off.
    /// </summary>
    public static ICaptureProcessor? Create(AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.EchoCancellationEnabled)
        {
            return null;
        }

        return new EchoCanceller(new EchoCancellerOptions
        {
            SampleRateHz = options.SampleRateHz,
            NoiseSuppression = options.NoiseSuppressionEnabled,
        });
    }
}
