namespace Intercom.Media.Codecs.G722;

/// <summary>Constant tables of ITU-T G.722 (11/88) §4 and §6, named as in the Recommendation. Arrays, not span
/// properties: a collection expression of ints behind a property allocates on every access.</summary>
internal static class G722Tables
{
    /// <summary>QMF coefficients h0, h2, ..., h22 (Table 11); the odd taps are the same values reversed.</summary>
    public static readonly int[] QmfCoefficients = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];

    /// <summary>Lower sub-band quantizer decision levels, scaled (Table 6, Q6).</summary>
    public static readonly int[] Q6 = [0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0];

    /// <summary>6-bit codes of the negative lower sub-band intervals (Table 6, ILN).</summary>
    public static readonly int[] Iln = [0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0];

    /// <summary>6-bit codes of the positive lower sub-band intervals (Table 6, ILP).</summary>
    public static readonly int[] Ilp = [0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0];

    /// <summary>Lower sub-band log scale factor multipliers (Table 8, WL).</summary>
    public static readonly int[] Wl = [-60, -30, 58, 172, 334, 538, 1198, 3042];

    /// <summary>Maps a 4-bit lower code to its WL index (RIL to IL4).</summary>
    public static readonly int[] Rl42 = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];

    /// <summary>Inverse log2 table for the scale factors (Table 9, ILB).</summary>
    public static readonly int[] Ilb = [2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834, 2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008];

    /// <summary>4-bit inverse quantizer of the lower band used by the predictor (Table 7, QM4).</summary>
    public static readonly int[] Qm4 = [0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0];

    /// <summary>6-bit inverse quantizer of the lower band for 64 kbit/s output (Table 7, QM6).</summary>
    public static readonly int[] Qm6 =
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    /// <summary>Higher sub-band codes of the negative intervals (Table 5, IHN).</summary>
    public static readonly int[] Ihn = [0, 1, 0];

    /// <summary>Higher sub-band codes of the positive intervals (Table 5, IHP).</summary>
    public static readonly int[] Ihp = [0, 3, 2];

    /// <summary>Higher sub-band inverse quantizer (Table 5, QM2).</summary>
    public static readonly int[] Qm2 = [-7408, -1616, 7408, 1616];

    /// <summary>Higher sub-band log scale factor multipliers (Table 8, WH).</summary>
    public static readonly int[] Wh = [0, -214, 798];

    /// <summary>Maps a 2-bit higher code to its WH index.</summary>
    public static readonly int[] Rh2 = [2, 1, 2, 1];
}
