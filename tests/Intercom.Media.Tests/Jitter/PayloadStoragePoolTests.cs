using Intercom.Media.Jitter;

namespace Intercom.Media.Tests.Jitter;

public sealed class PayloadStoragePoolTests
{
    [Fact]
    public void Rent_AfterReturn_GivesTheSameArrayBackCleared()
    {
        var pool = new PayloadStoragePool(4);
        byte[] first = pool.Rent<byte>(96_000);
        first.AsSpan().Fill(0x5A);

        pool.Return(first);
        byte[] second = pool.Rent<byte>(96_000);

        Assert.Same(first, second);
        Assert.Equal(-1, second.AsSpan().IndexOfAnyExcept((byte)0));
        Assert.Equal(0, pool.Count<byte>(96_000));
    }

    [Fact]
    public void Rent_EmptyPool_GivesNewZeroedArrayOfExactLength()
    {
        var pool = new PayloadStoragePool(4);

        short[] storage = pool.Rent<short>(16_384);

        Assert.Equal(16_384, storage.Length);
        Assert.Equal(-1, storage.AsSpan().IndexOfAnyExcept((short)0));
    }

    [Fact]
    public void Return_MoreThanMaximumPerLength_KeepsOnlyTheMaximum()
    {
        var pool = new PayloadStoragePool(4);
        byte[][] rented = [.. Enumerable.Range(0, 6).Select(_ => pool.Rent<byte>(1500))];

        foreach (byte[] storage in rented)
        {
            pool.Return(storage);
        }

        Assert.Equal(4, pool.Count<byte>(1500));
        byte[][] again = [.. Enumerable.Range(0, 6).Select(_ => pool.Rent<byte>(1500))];
        Assert.Equal(4, again.Count(storage => rented.Contains(storage)));
        Assert.Equal(6, again.Distinct().Count());
    }

    [Fact]
    public void Rent_OtherLengthThanReturned_NeverGivesTheReturnedArray()
    {
        var pool = new PayloadStoragePool(4);
        byte[] large = pool.Rent<byte>(192_000);
        pool.Return(large);

        byte[] small = pool.Rent<byte>(96_000);

        Assert.NotSame(large, small);
        Assert.Equal(96_000, small.Length);
        Assert.Equal(1, pool.Count<byte>(192_000));
        Assert.Equal(0, pool.Count<byte>(96_000));
    }

    [Fact]
    public void Rent_SameLengthOtherElementType_NeverGivesTheReturnedArray()
    {
        var pool = new PayloadStoragePool(4);
        short[] samples = pool.Rent<short>(5760);
        pool.Return(samples);

        byte[] bytes = pool.Rent<byte>(5760);

        Assert.Equal(5760, bytes.Length);
        Assert.Equal(1, pool.Count<short>(5760));
        Assert.Same(samples, pool.Rent<short>(5760));
    }

    [Fact]
    public void Return_SameArrayTwice_KeptOnceAndNeverRentedToTwoCallers()
    {
        var pool = new PayloadStoragePool(4);
        byte[] storage = pool.Rent<byte>(1500);

        pool.Return(storage);
        pool.Return(storage);

        Assert.Equal(1, pool.Count<byte>(1500));
        byte[] first = pool.Rent<byte>(1500);
        byte[] second = pool.Rent<byte>(1500);
        Assert.Same(storage, first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Return_EmptyArray_Ignored()
    {
        var pool = new PayloadStoragePool(4);

        pool.Return(Array.Empty<byte>());

        Assert.Equal(0, pool.Count<byte>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent<byte>(0));
    }

    [Fact]
    public void MaximumPerLengthZero_KeepsNothing()
    {
        var pool = new PayloadStoragePool(0);
        byte[] storage = pool.Rent<byte>(1500);

        pool.Return(storage);

        Assert.Equal(0, pool.Count<byte>(1500));
        Assert.NotSame(storage, pool.Rent<byte>(1500));
    }

    [Fact]
    public async Task RentAndReturn_ManyThreads_NoArrayHandedOutTwiceAtOnce()
    {
        var pool = new PayloadStoragePool(4);
        int owners = 0;
        var holders = new System.Collections.Concurrent.ConcurrentDictionary<byte[], int>(ReferenceEqualityComparer.Instance);
        int conflicts = 0;

        async Task Worker()
        {
            await Task.Yield();
            for (int i = 0; i < 2000; i++)
            {
                byte[] storage = pool.Rent<byte>(4096);
                Interlocked.Increment(ref owners);
                if (!holders.TryAdd(storage, 0))
                {
                    Interlocked.Increment(ref conflicts);
                }

                holders.TryRemove(storage, out _);
                pool.Return(storage);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Worker, TestContext.Current.CancellationToken)));

        Assert.Equal(0, conflicts);
        Assert.Equal(16_000, owners);
        Assert.InRange(pool.Count<byte>(4096), 1, 4);
    }
}
