using System.Runtime.InteropServices;
using SharpFuzz.Common;

namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// Edge coverage from SharpFuzz instrumentation. An instrumented assembly bumps
/// <c>Trace.SharedMem[previous ^ current]</c> on every branch (the AFL scheme); we point that at our own 64 KB map,
/// clear it before each input and afterwards compare its bucketed hit counts with what was seen before. In an
/// uninstrumented process the map stays empty and the engine falls back to outcome labels.
/// </summary>
internal sealed unsafe class CoverageMap
{
    /// <summary>Bytes in the map (AFL's MAP_SIZE).</summary>
    public const int Size = 65536;

    private static readonly byte* Map = Install();
    private readonly byte[] seen = new byte[Size];

    /// <summary>Edges (map cells) seen at least once by this map's owner.</summary>
    public int EdgesSeen { get; private set; }

    /// <summary>True once any instrumented code has run in this process.</summary>
    public static bool Active { get; private set; }

    /// <summary>Clears the shared map before an input runs.</summary>
    public static void Reset()
    {
        NativeMemory.Clear(Map, Size);
        Trace.PrevLocation = 0;
    }

    /// <summary>
    /// Folds the map of the input that just ran into what this owner has seen; returns true when it hit a new
    /// edge or a new hit-count bucket of a known edge (AFL's notion of an interesting input).
    /// </summary>
    public bool MergeNew()
    {
        bool interesting = false;
        ulong* words = (ulong*)Map;
        for (int w = 0; w < Size / sizeof(ulong); w++)
        {
            if (words[w] == 0)
            {
                continue;
            }

            Active = true;
            for (int i = w * sizeof(ulong); i < (w + 1) * sizeof(ulong); i++)
            {
                byte count = Map[i];
                if (count == 0)
                {
                    continue;
                }

                byte bucket = Bucket(count);
                if ((seen[i] & bucket) == 0)
                {
                    if (seen[i] == 0)
                    {
                        EdgesSeen++;
                    }

                    seen[i] |= bucket;
                    interesting = true;
                }
            }
        }

        return interesting;
    }

    /// <summary>AFL's hit-count classes: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+ each get one bit.</summary>
    internal static byte Bucket(byte count) => count switch
    {
        1 => 1,
        2 => 2,
        3 => 4,
        <= 7 => 8,
        <= 15 => 16,
        <= 31 => 32,
        <= 127 => 64,
        _ => 128,
    };

    private static byte* Install()
    {
        // Lives for the whole process: instrumented code may run on any thread at any time after this.
        var map = (byte*)NativeMemory.AllocZeroed(Size);
        Trace.SharedMem = map;
        return map;
    }

    /// <summary>Makes sure the map is installed before any instrumented code runs.</summary>
    public static void EnsureInstalled() => _ = Map != null;
}
