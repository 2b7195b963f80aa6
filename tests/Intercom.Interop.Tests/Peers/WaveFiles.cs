namespace Intercom.Interop.Tests.Peers;

/// <summary>Minimal 16-bit PCM WAVE writing and reading for peers' audio files.</summary>
public static class WaveFiles
{
    /// <summary>Writes mono 16-bit PCM.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRateHz)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRateHz);
        writer.Write(sampleRateHz * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (short sample in samples)
        {
            writer.Write(sample);
        }
    }

    /// <summary>
    /// Reads the first channel of a 16-bit PCM WAVE file. The data chunk's size is not trusted (a file still being
    /// written has none yet): everything after its header is taken.
    /// </summary>
    public static (short[] Samples, int SampleRateHz) ReadFirstChannel(string path)
    {
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        int channels = 1;
        int rate = 0;
        int position = 12;
        while (position + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            int size = BitConverter.ToInt32(bytes, position + 4);
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, position + 10);
                rate = BitConverter.ToInt32(bytes, position + 12);
            }
            else if (id == "data")
            {
                int start = position + 8;
                int frames = (bytes.Length - start) / (2 * channels);
                var samples = new short[frames];
                for (int i = 0; i < frames; i++)
                {
                    samples[i] = BitConverter.ToInt16(bytes, start + (i * 2 * channels));
                }

                return (samples, rate);
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }
}
