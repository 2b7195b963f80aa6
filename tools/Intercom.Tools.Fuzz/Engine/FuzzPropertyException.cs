namespace Intercom.Tools.Fuzz.Engine;

/// <summary>A fuzz target found a broken property (not a crash of the parser itself).</summary>
internal sealed class FuzzPropertyException : Exception
{
    public FuzzPropertyException()
    {
    }

    public FuzzPropertyException(string message)
        : base(message)
    {
    }

    public FuzzPropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The broken property in constant words (groups findings); <see cref="Exception.Message"/> adds the details.</summary>
    public string Property { get; private init; } = string.Empty;

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string property)
    {
        if (!condition)
        {
            throw new FuzzPropertyException(property) { Property = property };
        }
    }

    /// <summary>Throws when <paramref name="condition"/> is false, with details that vary per input.</summary>
    public static void Check(bool condition, string property, Func<string> details)
    {
        if (!condition)
        {
            throw new FuzzPropertyException($"{property}: {details()}") { Property = property };
        }
    }
}
