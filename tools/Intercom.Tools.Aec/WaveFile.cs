using System.Buffers.Binary;
using System.Text;

namespace Intercom.Tools.Aec;

/// <summary>Reads and writes mono 16-bit PCM RIFF/WAVE files.</summary>
internal static class WaveFile
{
    /// <summary>Reads a mono 16-bit PCM file; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static (short[] Samples, int SampleRateHz) Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length < 12 || Encoding.ASCII.GetString(data, 0, 4) != "RIFF" || Encoding.ASCII.GetString(data, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        }

        int sampleRate = 0;
        bool format = false;
        int offset = 12;
        while (offset + 8 <= data.Length)
        {
            string id = Encoding.ASCII.GetString(data, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset + 4));
            int body = offset + 8;
            if (size < 0 || body + size > data.Length)
            {
                size = data.Length - body;
            }

            if (id == "fmt ")
            {
                short encoding = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body));
                short channels = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body + 2));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(body + 4));
                short bits = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body + 14));
                if (encoding != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: need mono 16-bit PCM, got format {encoding}, {channels} channels, {bits} bits");
                }

                format = true;
            }
            else if (id == "data")
            {
                if (!format)
                {
                    throw new InvalidDataException($"{path}: data chunk before fmt chunk");
                }

                var samples = new short[size / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(body + (2 * i)));
                }

                return (samples, sampleRate);
            }

            offset = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }

    /// <summary>Writes a mono 16-bit PCM file.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRateHz)
    {
        var bytes = new byte[44 + (2 * samples.Length)];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + (2 * samples.Length));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(bytes, 8);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRateHz);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRateHz * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(bytes, 36);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 2 * samples.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), samples[i]);
        }

        File.WriteAllBytes(path, bytes);
    }
}
