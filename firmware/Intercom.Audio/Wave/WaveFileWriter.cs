using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Intercom.Audio.Wave;

/// <summary>
/// Writes a mono 16-bit PCM WAVE file as samples arrive; the header's sizes are filled in on dispose.
/// <see cref="Write"/> allocates nothing (it copies into the file stream's own buffer).
/// </summary>
public sealed class WaveFileWriter : IDisposable
{
    private const int HeaderBytes = 44;
    private readonly FileStream _stream;
    private long _dataBytes;

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public WaveFileWriter(string path, int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        SampleRateHz = sampleRateHz;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
        Span<byte> header = stackalloc byte[HeaderBytes];
        FillHeader(header, sampleRateHz, 0);
        _stream.Write(header);
    }

    /// <summary>Samples per second.</summary>
    public int SampleRateHz { get; }

    /// <summary>Samples written so far.</summary>
    public long SamplesWritten => _dataBytes / 2;

    /// <summary>Appends samples (the host is little-endian, as WAVE is).</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        var bytes = MemoryMarshal.AsBytes(samples);
        _stream.Write(bytes);
        _dataBytes += bytes.Length;
    }

    /// <summary>Writes the final sizes and closes the file.</summary>
    public void Dispose()
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        FillHeader(header, SampleRateHz, (uint)Math.Min(_dataBytes, uint.MaxValue - HeaderBytes));
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Dispose();
    }

    private static void FillHeader(Span<byte> header, int sampleRateHz, uint dataBytes)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)sampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)sampleRateHz * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], dataBytes);
    }
}
