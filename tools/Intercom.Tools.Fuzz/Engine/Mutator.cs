using System.Text;

namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// Structure-aware byte mutations in the manner of AFL's havoc stage: bit flips, interesting bytes and integers,
/// insertions, deletions, duplicated chunks, dictionary tokens, splices with another corpus entry, and for text
/// inputs line shuffles, number swaps and huge runs (a 64 KB header line must stay cheap).
/// </summary>
internal sealed class Mutator
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', (byte)':', (byte)';', (byte)',', (byte)'"', (byte)'<', (byte)'>', (byte)'%', (byte)'\\', (byte)'='];

    private static readonly uint[] InterestingIntegers = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    private static readonly string[] InterestingNumbers =
    [
        "0", "-1", "1", "00000000000000000001", "127", "128", "255", "256", "65535", "65536", "2147483647", "2147483648",
        "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999999999", "1e309", "NaN", "0x10", "+1", "1.5",
    ];

    private readonly Random random;
    private readonly IReadOnlyList<byte[]> dictionary;
    private readonly bool text;
    private readonly int maximumLength;

    public Mutator(Random random, IReadOnlyList<byte[]> dictionary, bool text, int maximumLength)
    {
        this.random = random;
        this.dictionary = dictionary;
        this.text = text;
        this.maximumLength = maximumLength;
    }

    /// <summary>Returns a mutated copy of <paramref name="input"/>; <paramref name="other"/> is used for splicing.</summary>
    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        int rounds = 1 << random.Next(0, 4);
        for (int r = 0; r < rounds; r++)
        {
            MutateOnce(data, other);
            if (data.Count > maximumLength)
            {
                data.RemoveRange(maximumLength, data.Count - maximumLength);
            }
        }

        return [.. data];
    }

    private void MutateOnce(List<byte> data, byte[] other)
    {
        int operations = text ? 17 : 13;
        switch (random.Next(operations))
        {
            case 0 when data.Count > 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[random.Next(data.Count)] = (byte)random.Next(256);
                break;
            case 2 when data.Count > 0:
                data[random.Next(data.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 3 when data.Count > 0:
                data[random.Next(data.Count)] += (byte)random.Next(-16, 17);
                break;
            case 4 when data.Count >= 4:
                WriteInteger(data);
                break;
            case 5 when data.Count > 0:
                int start = random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, ChunkLength()));
                break;
            case 6:
                int insertAt = random.Next(data.Count + 1);
                byte[] inserted = new byte[ChunkLength()];
                random.NextBytes(inserted);
                data.InsertRange(insertAt, inserted);
                break;
            case 7 when data.Count > 0:
                int from = random.Next(data.Count);
                int length = Math.Min(data.Count - from, ChunkLength());
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(from, length));
                break;
            case 8 when dictionary.Count > 0:
                data.InsertRange(random.Next(data.Count + 1), dictionary[random.Next(dictionary.Count)]);
                break;
            case 9 when dictionary.Count > 0 && data.Count > 0:
                byte[] token = dictionary[random.Next(dictionary.Count)];
                int at = random.Next(data.Count);
                for (int i = 0; i < token.Length && at + i < data.Count; i++)
                {
                    data[at + i] = token[i];
                }

                break;
            case 10 when other.Length > 0:
                // Splice: our head, the other's tail.
                int cut = random.Next(data.Count + 1);
                int otherCut = random.Next(other.Length);
                data.RemoveRange(cut, data.Count - cut);
                data.AddRange(other.AsSpan(otherCut).ToArray());
                break;
            case 11 when data.Count > 0:
                data.RemoveRange(random.Next(data.Count), 1);
                break;
            case 12 when data.Count > 1:
                // Truncate.
                int keep = random.Next(1, data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            case 13:
                ReplaceNumber(data);
                break;
            case 14:
                ShuffleLines(data);
                break;
            case 15:
                InsertHugeRun(data);
                break;
            case 16:
                ReplaceNumber(data);
                break;
            default:
                data.Insert(random.Next(data.Count + 1), InterestingBytes[random.Next(InterestingBytes.Length)]);
                break;
        }
    }

    private int ChunkLength() => random.Next(4) switch
    {
        0 => random.Next(1, 4),
        1 => random.Next(1, 16),
        2 => random.Next(1, 64),
        _ => random.Next(1, 512),
    };

    private void WriteInteger(List<byte> data)
    {
        uint value = InterestingIntegers[random.Next(InterestingIntegers.Length)];
        if (random.Next(4) == 0)
        {
            value += (uint)random.Next(-8, 9);
        }

        int width = random.Next(2) == 0 ? 2 : 4;
        int at = random.Next(data.Count - width + 1);
        bool bigEndian = random.Next(3) != 0;
        for (int i = 0; i < width; i++)
        {
            int shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
            data[at + i] = (byte)(value >> shift);
        }
    }

    private void ReplaceNumber(List<byte> data)
    {
        // Find a run of digits starting at a random place and swap it for an interesting number.
        int count = data.Count;
        if (count == 0)
        {
            return;
        }

        int begin = random.Next(count);
        int digitStart = -1;
        for (int i = 0; i < count; i++)
        {
            int index = (begin + i) % count;
            if (data[index] is >= (byte)'0' and <= (byte)'9')
            {
                digitStart = index;
                break;
            }
        }

        if (digitStart < 0)
        {
            return;
        }

        while (digitStart > 0 && data[digitStart - 1] is >= (byte)'0' and <= (byte)'9')
        {
            digitStart--;
        }

        int digitEnd = digitStart;
        while (digitEnd < count && data[digitEnd] is >= (byte)'0' and <= (byte)'9')
        {
            digitEnd++;
        }

        data.RemoveRange(digitStart, digitEnd - digitStart);
        data.InsertRange(digitStart, Encoding.ASCII.GetBytes(InterestingNumbers[random.Next(InterestingNumbers.Length)]));
    }

    private void ShuffleLines(List<byte> data)
    {
        var lines = new List<List<byte>>();
        var current = new List<byte>();
        foreach (byte b in data)
        {
            current.Add(b);
            if (b == '\n')
            {
                lines.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            lines.Add(current);
        }

        if (lines.Count < 2)
        {
            return;
        }

        int a = random.Next(lines.Count);
        int b2 = random.Next(lines.Count);
        switch (random.Next(4))
        {
            case 0:
                (lines[a], lines[b2]) = (lines[b2], lines[a]);
                break;
            case 1:
                lines.Insert(b2, [.. lines[a]]);
                break;
            case 2:
                lines.RemoveAt(a);
                break;
            default:
                // Swap line endings: CRLF to bare LF or the other way round.
                List<byte> line = lines[a];
                if (line.Count >= 2 && line[^2] == '\r')
                {
                    line.RemoveAt(line.Count - 2);
                }
                else if (line.Count >= 1 && line[^1] == '\n')
                {
                    line.Insert(line.Count - 1, (byte)'\r');
                }

                break;
        }

        data.Clear();
        foreach (List<byte> line in lines)
        {
            data.AddRange(line);
        }
    }

    private void InsertHugeRun(List<byte> data)
    {
        // Rare: thousands of copies of one byte or token (long lines, deep lists, many parameters).
        if (random.Next(8) != 0)
        {
            return;
        }

        byte[] unit = dictionary.Count > 0 && random.Next(2) == 0
            ? dictionary[random.Next(dictionary.Count)]
            : [InterestingBytes[random.Next(InterestingBytes.Length)]];
        int budget = Math.Max(0, maximumLength - data.Count);
        int copies = Math.Min(budget / Math.Max(1, unit.Length), random.Next(2) == 0 ? random.Next(100, 2000) : random.Next(2000, 70_000));
        var run = new byte[copies * unit.Length];
        for (int i = 0; i < copies; i++)
        {
            unit.CopyTo(run, i * unit.Length);
        }

        data.InsertRange(random.Next(data.Count + 1), run);
    }
}
