using System.Buffers.Binary;

namespace Intercom.Audio.Wave;

/// <summary>Reads RIFF/WAVE files of 16-bit PCM (plain or WAVE_FORMAT_EXTENSIBLE), any channel count.</summary>
public static class WaveFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads a file from disk; an unreadable file is a failure with a reason, not an exception.</summary>
    public static WaveReadResult Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (IOException exception)
        {
            return WaveReadResult.Failure($"cannot read {path}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            return WaveReadResult.Failure($"cannot read {path}: {exception.Message}");
        }
    }

    /// <summary>Parses the bytes of a WAVE file and keeps its first channel.</summary>
    public static WaveReadResult Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            return WaveReadResult.Failure("not a RIFF/WAVE file");
        }

        int channels = 0, sampleRateHz = 0, bitsPerSample = 0;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            var available = (int)Math.Min(size, (uint)(bytes.Length - body));
            if (id.SequenceEqual("fmt "u8))
            {
                if (available < 16)
                {
                    return WaveReadResult.Failure("fmt chunk shorter than 16 bytes");
                }

                var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                sampleRateHz = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(body + 4, 4));
                bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
                if (format is not FormatPcm and not FormatExtensible)
                {
                    return WaveReadResult.Failure($"format tag {format} is not PCM");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels == 0)
                {
                    return WaveReadResult.Failure("data chunk before fmt chunk");
                }

                if (bitsPerSample != 16)
                {
                    return WaveReadResult.Failure($"{bitsPerSample} bits per sample; only 16 is supported");
                }

                if (sampleRateHz <= 0)
                {
                    return WaveReadResult.Failure("sample rate 0");
                }

                return WaveReadResult.Success(FirstChannel(bytes.Slice(body, available), channels), sampleRateHz);
            }

            // RIFF chunks are padded to an even size.
            position = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        return WaveReadResult.Failure("no data chunk");
    }

    private static short[] FirstChannel(ReadOnlySpan<byte> data, int channels)
    {
        var frameBytes = 2 * channels;
        var samples = new short[data.Length / frameBytes];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(i * frameBytes, 2));
        }

        return samples;
    }
}
