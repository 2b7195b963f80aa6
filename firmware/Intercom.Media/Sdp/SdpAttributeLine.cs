namespace Intercom.Media.Sdp;

/// <summary>One <c>a=</c> line (RFC 4566 §5.13): a property attribute has an empty <see cref="Value"/>.</summary>
/// <param name="Name">Attribute name, e.g. <c>rtpmap</c>.</param>
/// <param name="Value">Everything after the first colon, or empty.</param>
public sealed record SdpAttributeLine(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.Length == 0 ? Name : $"{Name}:{Value}";
}
