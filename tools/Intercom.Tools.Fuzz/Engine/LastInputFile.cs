using System.IO.MemoryMappedFiles;

namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// A memory-mapped file holding the input that is running right now (4-byte length, then the bytes). Writing it
/// costs one copy per input; when the worker dies on something no handler can catch (stack overflow, a native
/// crash in a codec), the supervisor reads it back and saves the input that killed it.
/// </summary>
internal sealed class LastInputFile : IDisposable
{
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly int capacity;

    private LastInputFile(MemoryMappedFile file, int capacity)
    {
        this.file = file;
        this.capacity = capacity;
        view = file.CreateViewAccessor();
    }

    /// <summary>Creates (or truncates) the file with room for inputs of <paramref name="maximumLength"/> bytes.</summary>
    public static LastInputFile Create(string path, int maximumLength)
    {
        int capacity = maximumLength + 4;
        return new LastInputFile(MemoryMappedFile.CreateFromFile(path, FileMode.Create, null, capacity, MemoryMappedFileAccess.ReadWrite), capacity);
    }

    /// <summary>Records the input about to run.</summary>
    public void Write(byte[] input)
    {
        int length = Math.Min(input.Length, capacity - 4);
        view.Write(0, length);
        view.WriteArray(4, input, 0, length);
    }

    /// <summary>Reads what a (possibly dead) worker last recorded, or null when the file is missing or empty.</summary>
    public static byte[]? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] content = File.ReadAllBytes(path);
        if (content.Length < 4)
        {
            return null;
        }

        int length = BitConverter.ToInt32(content, 0);
        return length < 0 || length > content.Length - 4 ? null : content[4..(4 + length)];
    }

    public void Dispose()
    {
        view.Dispose();
        file.Dispose();
    }
}
