using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Intercom.Sip.Messages;
using Intercom.Sip.Tests.Messages;
using Intercom.Sip.UserAgent;

namespace Intercom.Sip.Tests.UserAgent;

/// <summary>Invalid requests sent to a running user agent over UDP get the status RFC 4475 asks for.</summary>
public sealed class InboundRejectionTests
{
    public static TheoryData<string, int> RejectedRequests()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Rfc4475Decoder.Names("invalid"))
        {
            int status = int.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", "invalid", name + ".status")).Trim(), CultureInfo.InvariantCulture);
            if (status > 0)
            {
                data.Add(name, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RejectedRequests))]
    public async Task InvalidRequest_AnsweredWithExpectedStatus(string name, int status)
    {
        byte[] response = await SendAsync(Rfc4475Decoder.Load($"invalid/{name}.txt"));

        Assert.StartsWith($"SIP/2.0 {status} ", Encoding.UTF8.GetString(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRequiredExtension_420WithUnsupported()
    {
        byte[] response = await SendAsync(Encoding.ASCII.GetBytes(
            "OPTIONS sip:user@example.com SIP/2.0\r\nTo: sip:j_user@example.com\r\nFrom: sip:caller@example.net;tag=242etr\r\nMax-Forwards: 6\r\n" +
            "Call-ID: bext01.0ha0isndaksdj\r\nRequire: nothingSupportsThis, nothingSupportsThisEither\r\nProxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis\r\n" +
            "CSeq: 8 OPTIONS\r\nVia: SIP/2.0/UDP fold-and-staple.example.com;branch=z9hG4bKkdjuw\r\nContent-Length: 0\r\n\r\n"));

        string text = Encoding.UTF8.GetString(response);
        Assert.StartsWith("SIP/2.0 420 ", text, StringComparison.Ordinal);
        Assert.Contains("Unsupported: nothingSupportsThis, nothingSupportsThisEither", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InviteWithUnknownBodyType_415()
    {
        byte[] response = await SendAsync(Encoding.ASCII.GetBytes(
            "INVITE sip:user@example.com SIP/2.0\r\nContact: <sip:caller@host5.example.net>\r\nTo: sip:j.user@example.com\r\nFrom: sip:caller@example.net;tag=8392034\r\n" +
            "Max-Forwards: 70\r\nCall-ID: invut.0ha0isndaksdjadsfij34n23d\r\nCSeq: 235448 INVITE\r\nVia: SIP/2.0/UDP somehost.example.com;branch=z9hG4bKkdjuw\r\n" +
            "Content-Type: application/unknownformat\r\nContent-Length: 40\r\n\r\n<audio>\r\n <pcmu port=\"443\"/>\r\n</audio>\r\n"), skipProvisional: true);

        Assert.StartsWith("SIP/2.0 415 ", Encoding.UTF8.GetString(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_ResponseNamesNoAccount()
    {
        byte[] response = await SendAsync(Encoding.ASCII.GetBytes(
            "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKscan1\r\nFrom: <sip:100@scanner>;tag=1\r\nTo: <sip:100@127.0.0.1>\r\n" +
            "Call-ID: scan-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"));

        string text = Encoding.UTF8.GetString(response);
        Assert.StartsWith("SIP/2.0 200 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-user-620", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invite_FromScannerWithDefaultPolicy_403NotAnswered()
    {
        byte[] response = await SendAsync(Encoding.ASCII.GetBytes(
            "INVITE sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKscan2\r\nFrom: \"friendly-scanner\" <sip:100@scanner>;tag=1\r\nTo: <sip:100@127.0.0.1>\r\n" +
            "Call-ID: scan-2\r\nCSeq: 1 INVITE\r\nContact: <sip:100@127.0.0.1:9>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"), skipProvisional: true);

        Assert.StartsWith("SIP/2.0 403 ", Encoding.UTF8.GetString(response), StringComparison.Ordinal);
    }

    private static async Task<byte[]> SendAsync(byte[] request, bool skipProvisional = false)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Intercom.Sip.Configuration.SipUserAgentOptions options = LoopbackCallTests.LoopbackOptions();
        options.Accounts.Add(new Intercom.Sip.Configuration.SipAccountOptions { Name = "main", User = "secret-user-620", Domain = "127.0.0.1" });
        await using var agent = new SipUserAgent(options);
        await agent.StartAsync(ct);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await socket.SendToAsync(request, agent.UdpEndPoint!, ct);
        byte[] buffer = new byte[65535];
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            byte[] response = buffer[..received.ReceivedBytes];
            if (skipProvisional && Encoding.ASCII.GetString(response).StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                continue;
            }

            return response;
        }
    }
}
