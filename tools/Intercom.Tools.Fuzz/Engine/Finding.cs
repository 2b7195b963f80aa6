namespace Intercom.Tools.Fuzz.Engine;

/// <summary>One distinct defect: its kind, a signature that groups inputs hitting the same defect, the details and the input.</summary>
/// <param name="Kind">Crash, property, slow or hang.</param>
/// <param name="Signature">Exception type and throwing frame, or the property text.</param>
/// <param name="Details">The exception text or the property that failed.</param>
/// <param name="Input">The (minimized) input that reproduces it.</param>
internal sealed record Finding(FindingKind Kind, string Signature, string Details, byte[] Input);
