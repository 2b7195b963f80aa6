using Intercom.Sip.Messages;

namespace Intercom.Sip.Tests.Messages;

/// <summary>Wire input never throws: thousands of mutated torture messages through the parser and validator.</summary>
public sealed class MutationRobustnessTests
{
    public static TheoryData<string> Names() => new(Rfc4475Decoder.Names("valid").Select(n => "valid/" + n).Concat(Rfc4475Decoder.Names("invalid").Select(n => "invalid/" + n)));

    [Theory]
    [MemberData(nameof(Names))]
    public void ParseAndValidate_MutatedBytes_NeverThrow(string name)
    {
        byte[] original = Rfc4475Decoder.Load(name + ".txt");
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        byte[] interesting = "\r\n:;,<>\"\\ @[]%=0"u8.ToArray();
        int complete = 0;
        for (int i = 0; i < 500; i++)
        {
            byte[] mutated = Mutate(original, random, interesting);
            foreach (SipFraming framing in (ReadOnlySpan<SipFraming>)[SipFraming.Datagram, SipFraming.Stream])
            {
                SipParseResult result = SipMessageParser.Parse(mutated, framing);
                if (result.Status == SipParseStatus.Complete)
                {
                    complete++;
                    SipMessage message = result.Message!;
                    _ = SipMessageValidator.Validate(message);
                    _ = message.From;
                    _ = message.To;
                    _ = message.TopVia;
                    _ = message.CSeq;
                    _ = message.RequestUri;
                    _ = message.ReasonPhrase;
                    _ = message.GetHeaderValueStrings(SipHeaderKind.Contact);
                }
                else if (result.Status == SipParseStatus.Invalid)
                {
                    Assert.False(string.IsNullOrEmpty(result.Reason));
                }
            }
        }

        if (name.StartsWith("valid/", StringComparison.Ordinal))
        {
            Assert.True(complete > 0, "no mutation parsed at all: the mutations are too destructive to test the typed views");
        }
    }

    private static byte[] Mutate(byte[] original, Random random, byte[] interesting)
    {
        byte[] copy = (byte[])original.Clone();
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(copy.Length);
            switch (random.Next(4))
            {
                case 0:
                    copy[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 1:
                    copy[at] = (byte)random.Next(256);
                    break;
                case 2:
                    copy = copy[..at];
                    break;
                default:
                    copy = [.. copy[..at], .. copy[Math.Min(copy.Length, at + random.Next(1, 20))..]];
                    break;
            }

            if (copy.Length == 0)
            {
                break;
            }
        }

        return copy;
    }
}
