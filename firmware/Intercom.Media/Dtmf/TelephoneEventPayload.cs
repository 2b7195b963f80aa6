using System.Buffers.Binary;

namespace Intercom.Media.Dtmf;

/// <summary>The 4-byte RFC 4733 §2.3 event payload: event, E bit, volume, duration.</summary>
public readonly record struct TelephoneEventPayload(int EventCode, bool End, int Volume, int Duration)
{
    /// <summary>Payload length.</summary>
    public const int Length = 4;

    /// <summary>Parses a payload; false when it is shorter than 4 bytes (wire input never throws).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEventPayload value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        value = new TelephoneEventPayload(payload[0], (payload[1] & 0x80) != 0, payload[1] & 0x3F, BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the payload.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)EventCode;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Math.Min(Duration, ushort.MaxValue));
    }
}
