using System.Runtime.InteropServices;

namespace Intercom.Media.Codecs.Opus;

/// <summary>
/// Binding to Debian's native libopus (<c>libopus.so.0</c>, package libopus0), named by its soname so that the
/// development symlink <c>libopus.so</c> is not needed. The ctl functions are variadic in C; every request used
/// here passes one int, which the x86-64 and AArch64 Linux calling conventions pass like a fixed argument.
/// </summary>
internal static unsafe partial class OpusNative
{
    /// <summary>The library's soname.</summary>
    public const string Library = "libopus.so.0";

    public const int ApplicationVoip = 2048;
    public const int SetBitrateRequest = 4002;
    public const int SetComplexityRequest = 4010;
    public const int SetInbandFecRequest = 4012;
    public const int SetPacketLossPercentRequest = 4014;
    public const int SetSignalRequest = 4024;
    public const int SignalVoice = 3001;
    public const int ResetState = 4028;

    [LibraryImport(Library, EntryPoint = "opus_get_version_string")]
    public static partial IntPtr GetVersionString();

    [LibraryImport(Library, EntryPoint = "opus_encoder_create")]
    public static partial OpusEncoderHandle EncoderCreate(int sampleRateHz, int channels, int application, out int error);

    [LibraryImport(Library, EntryPoint = "opus_encoder_destroy")]
    public static partial void EncoderDestroy(IntPtr encoder);

    [LibraryImport(Library, EntryPoint = "opus_encode")]
    public static partial int Encode(OpusEncoderHandle encoder, short* pcm, int frameSize, byte* data, int maximumDataBytes);

    [LibraryImport(Library, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderControl(OpusEncoderHandle encoder, int request, int value);

    [LibraryImport(Library, EntryPoint = "opus_decoder_create")]
    public static partial OpusDecoderHandle DecoderCreate(int sampleRateHz, int channels, out int error);

    [LibraryImport(Library, EntryPoint = "opus_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "opus_decode")]
    public static partial int Decode(OpusDecoderHandle decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);
}
