using Intercom.Media.Sdp;
using Intercom.Tools.Fuzz.Engine;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>Checks shared by the SDP targets.</summary>
internal static class SdpText
{
    public static readonly IReadOnlyList<byte[]> Dictionary = SeedResources.Tokens(
        "\r\n", "\n", "v=0\r\n", "o=- 1 1 IN IP4 127.0.0.1\r\n", "s=-\r\n", "c=IN IP4 ", "c=IN IP6 ", "t=0 0\r\n", "m=audio ",
        "m=video ", " RTP/AVP ", " RTP/SAVP ", " RTP/SAVPF ", " UDP/TLS/RTP/SAVP ", "a=rtpmap:", "a=fmtp:", "a=ptime:", "a=rtcp:",
        "a=rtcp-mux", "a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive", "a=crypto:1 ", "AES_CM_128_HMAC_SHA1_80 ",
        "AES_CM_128_HMAC_SHA1_32 ", "AEAD_AES_128_GCM ", "inline:", "|2^20", "|1:32", "opus/48000/2", "PCMA/8000", "PCMU/8000",
        "G722/8000", "telephone-event/8000", "telephone-event/48000", "useinbandfec=1", " 0-15", "0.0.0.0", "::", "/", " ", ":",
        "65535", "65536", "128", "127", "-1", "4294967296");

    /// <summary>Parse, print, parse must be a fixed point after the first print.</summary>
    public static void CheckRoundTrip(SessionDescription description)
    {
        string printed = description.ToString();
        if (printed.Length > SdpParser.MaximumLength)
        {
            // Printing normalizes (CRLF, c= and t= lines) and may grow past the size limit the parser enforces.
            return;
        }

        SdpParseResult again = SdpParser.Parse(printed);
        FuzzPropertyException.Check(again.Success, "printed SDP parses", () => $"{again.Error} in {Escape(printed)}");
        string reprinted = again.Description!.ToString();
        FuzzPropertyException.Check(reprinted == printed, "SDP print-parse is a fixed point", () => $"{Escape(printed)} then {Escape(reprinted)}");
        FuzzPropertyException.Check(again.Description.Media.Count == description.Media.Count, "printing keeps every m= section");
    }

    /// <summary>Only CRLF line ends, no other control characters: a peer with a strict parser sees the same lines we do.</summary>
    public static void CheckClean(string sdp, string what)
    {
        for (int i = 0; i < sdp.Length; i++)
        {
            char c = sdp[i];
            bool lineEnd = (c == '\r' && i + 1 < sdp.Length && sdp[i + 1] == '\n') || (c == '\n' && i > 0 && sdp[i - 1] == '\r');
            FuzzPropertyException.Check(lineEnd || !char.IsControl(c), $"{what} has no control characters but CRLF", () => Escape(sdp));
        }
    }

    public static string Escape(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
