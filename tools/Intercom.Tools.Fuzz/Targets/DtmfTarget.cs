using System.Buffers.Binary;
using System.Text;
using Intercom.Media.Dtmf;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>
/// DTMF as it arrives from outside: SIP INFO bodies (<c>application/dtmf-relay</c>, <c>application/dtmf</c>)
/// and RFC 4733 telephone-event payload sequences. The first byte picks: below 128 an INFO body whose content
/// type is chosen by the byte; from 128 a sequence of <c>[timestamp step][4-byte payload]</c> records.
/// Properties: an accepted INFO gives a DTMF digit and a duration of at most a minute, a refusal a reason;
/// a payload written back parses to the same fields; an event yields at most one digit per RTP timestamp.
/// </summary>
internal sealed class DtmfTarget : IFuzzTarget
{
    private static readonly string[] ContentTypes =
    [
        "application/dtmf-relay", "application/dtmf", "Application/DTMF-Relay; charset=utf-8", " application/dtmf ;x=y",
        "application/sdp", "", "application/dtmf-relay;", "text/plain",
    ];

    public string Name => "dtmf";

    public string Description => "SIP INFO DTMF bodies and RFC 4733 event sequences; digits valid, one per event";

    public int MaximumInputLength => 4096;

    public bool IsText => true;

    public IReadOnlyList<byte[]> Dictionary { get; } = SeedResources.Tokens(
        "Signal=", "Duration=", "signal = ", "\r\n", "\n", "\r", "=", " ", "*", "#", "A", "D", "10", "11", "15", "16", "-1",
        "60000", "60001", "2147483648", "\u0661");

    public IReadOnlyList<byte[]> CreateSeeds()
    {
        var seeds = new List<byte[]>();
        string[] bodies = ["Signal=5\r\nDuration=160\r\n", "Signal= #\nDuration= 250", "signal=11\r\nduration=100", "5", " * ", "Signal=\r\n", "Duration=100\r\n"];
        for (int i = 0; i < bodies.Length; i++)
        {
            seeds.Add([(byte)(i % 2), .. Encoding.UTF8.GetBytes(bodies[i])]);
        }

        // RFC 4733: digit 1 with marker-less start, retransmitted end packets, then digit # in two segments.
        seeds.Add([0x80, 0, 1, 10, 0, 160, 0, 1, 10, 1, 64, 0, 1, 0x8A, 1, 64, 0, 1, 0x8A, 1, 64, 200, 11, 10, 0, 160, 0, 11, 10, 255, 255]);
        return seeds;
    }

    public string Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return "empty";
        }

        return input[0] < 0x80 ? RunInfo(ContentTypes[input[0] % ContentTypes.Length], Encoding.UTF8.GetString(input[1..])) : RunEvents(input[1..]);
    }

    private static string RunInfo(string contentType, string body)
    {
        DtmfInfoResult result = SipInfoDtmfParser.Parse(contentType, body);
        if (!result.Success)
        {
            FuzzPropertyException.Check(!string.IsNullOrWhiteSpace(result.Error), "a refused INFO body has a reason");
            return OutcomeLabel.Of("info refused", result.Error);
        }

        FuzzPropertyException.Check(DtmfDigits.IsDigit(result.Digit) && result.Digit == char.ToUpperInvariant(result.Digit), "an INFO digit is 0-9, *, #, A-D", () => $"U+{(int)result.Digit:X4}");
        FuzzPropertyException.Check(result.Duration >= TimeSpan.Zero && result.Duration <= TimeSpan.FromMinutes(1), "an INFO duration is 0-60 s");
        return "info digit";
    }

    private static string RunEvents(ReadOnlySpan<byte> records)
    {
        var receiver = new TelephoneEventReceiver();
        uint timestamp = 0;
        var timestamps = new HashSet<uint>();
        int digits = 0;
        Span<byte> written = stackalloc byte[TelephoneEventPayload.Length];
        for (int position = 0; position + 5 <= records.Length; position += 5)
        {
            // A step of 255 jumps backwards: late packets of an earlier event.
            timestamp = records[position] == 255 ? timestamp - 800 : timestamp + (uint)(records[position] * 20);
            ReadOnlySpan<byte> payload = records.Slice(position + 1, 4);
            FuzzPropertyException.Check(TelephoneEventPayload.TryParse(payload, out TelephoneEventPayload value), "a 4-byte payload parses");
            value.Write(written);
            FuzzPropertyException.Check(TelephoneEventPayload.TryParse(written, out TelephoneEventPayload again) && again == value, "a written payload parses to the same fields");
            FuzzPropertyException.Check(value.Duration == BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) && value.Volume <= 63, "duration and volume are read as RFC 4733 §2.3 lays them out");

            if (receiver.Process(timestamp, payload, out char digit))
            {
                FuzzPropertyException.Check(DtmfDigits.IsDigit(digit), "an event digit is 0-9, *, #, A-D");
                FuzzPropertyException.Check(timestamps.Add(timestamp), "one event (RTP timestamp) yields one digit");
                digits++;
            }
        }

        FuzzPropertyException.Check(!TelephoneEventPayload.TryParse(records[..Math.Min(3, records.Length)], out _), "a payload shorter than 4 bytes is refused");
        return digits == 0 ? "no digit" : digits == 1 ? "one digit" : "several digits";
    }
}
