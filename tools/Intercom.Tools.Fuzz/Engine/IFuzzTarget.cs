namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// One parser that reads outside input, wrapped so the engine can feed it bytes. <see cref="Run"/> must be
/// deterministic (fresh state per input) so that a saved input replays the same way; it throws
/// <see cref="FuzzPropertyException"/> when a property is broken, and any other exception is the parser's own bug.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>Short name used on the command line and as the findings folder (<c>sip</c>, <c>sdp</c>, ...).</summary>
    string Name { get; }

    /// <summary>What is fuzzed and which properties are checked, one line.</summary>
    string Description { get; }

    /// <summary>Inputs longer than this are cut before they run.</summary>
    int MaximumInputLength { get; }

    /// <summary>True when the input is text (line and number mutations apply).</summary>
    bool IsText { get; }

    /// <summary>Tokens the mutator inserts: separators, header names, keywords, numbers.</summary>
    IReadOnlyList<byte[]> Dictionary { get; }

    /// <summary>The seed corpus: valid and near-valid inputs to start mutating from.</summary>
    IReadOnlyList<byte[]> CreateSeeds();

    /// <summary>Runs one input; returns a short label of the outcome (e.g. <c>complete</c>, <c>invalid: no colon</c>).</summary>
    string Run(ReadOnlySpan<byte> input);
}
