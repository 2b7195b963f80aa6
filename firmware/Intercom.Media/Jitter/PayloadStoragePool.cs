namespace Intercom.Media.Jitter;

/// <summary>
/// Keeps the large per-call buffers (jitter buffer slots, the received packet ring, decode and playout buffers) of
/// ended calls for the next call. Without it every call allocated about 330 KB that lived as long as the call, was
/// promoted to generation 2 (or born in the large object heap) and stayed in the process until a full collection:
/// the soak's RSS grew by 200-360 KB per call. At most <see cref="MaximumPerLength"/> arrays of each length are kept,
/// so the pool holds a few calls' worth at most. Rent and return happen at call start and end, never on the audio
/// or network thread's per-packet path.
/// </summary>
public sealed class PayloadStoragePool
{
    /// <summary>Distinct lengths kept; the buffers come from a handful of constants, so more means a bug.</summary>
    private const int MaximumLengths = 16;

    private readonly Lock gate = new();
    private readonly Dictionary<(Type Element, int Length), Stack<Array>> free = [];

    /// <summary>Creates a pool that keeps up to <paramref name="maximumPerLength"/> arrays of each length.</summary>
    public PayloadStoragePool(int maximumPerLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumPerLength);
        MaximumPerLength = maximumPerLength;
    }

    /// <summary>The pool the media sessions share: four arrays of each length (two calls in parallel, two spare).</summary>
    public static PayloadStoragePool Shared { get; } = new(4);

    /// <summary>Most arrays of one length the pool keeps; further returns are left to the garbage collector.</summary>
    public int MaximumPerLength { get; }

    /// <summary>An array of exactly <paramref name="length"/> elements, all zero: a kept one, or a new one.</summary>
    /// <typeparam name="T">The element type (bytes for payloads, samples for PCM).</typeparam>
    public T[] Rent<T>(int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        lock (gate)
        {
            if (free.TryGetValue((typeof(T), length), out Stack<Array>? arrays) && arrays.TryPop(out Array? kept))
            {
                return (T[])kept;
            }
        }

        return new T[length];
    }

    /// <summary>
    /// Gives back an array from <see cref="Rent"/>; the caller must not touch it afterwards. It is cleared (a
    /// previous call's audio does not linger) and kept unless the pool is full for its length. Returning the same
    /// array twice keeps it once, so it is never handed to two callers.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    public void Return<T>(T[] storage)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Length == 0)
        {
            return;
        }

        lock (gate)
        {
            if (!free.TryGetValue((typeof(T), storage.Length), out Stack<Array>? arrays))
            {
                if (free.Count >= MaximumLengths)
                {
                    return;
                }

                arrays = new Stack<Array>(MaximumPerLength);
                free.Add((typeof(T), storage.Length), arrays);
            }

            if (arrays.Count >= MaximumPerLength || Contains(arrays, storage))
            {
                return;
            }

            Array.Clear(storage);
            arrays.Push(storage);
        }
    }

    /// <summary>How many arrays of <paramref name="length"/> elements of <typeparamref name="T"/> the pool holds now.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public int Count<T>(int length)
        where T : unmanaged
    {
        lock (gate)
        {
            return free.TryGetValue((typeof(T), length), out Stack<Array>? arrays) ? arrays.Count : 0;
        }
    }

    private static bool Contains(Stack<Array> arrays, Array storage)
    {
        foreach (Array kept in arrays)
        {
            if (ReferenceEquals(kept, storage))
            {
                return true;
            }
        }

        return false;
    }
}
