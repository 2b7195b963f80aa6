using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Intercom.Interop.Tests.Peers;
using Intercom.Sip.Configuration;
using Intercom.Sip.UserAgent;

namespace Intercom.Benchmarks.Sip;

/// <summary>
/// Registration and call setup time against kamailio (digest auth, UDP, loopback): our user agent versus baresip
/// doing the same on the same machine in the same run (baresip is the anchor, ratio = ours / baresip).
/// Registration: a fresh REGISTER with its 401 challenge (two round trips for both). Call setup: INVITE with a
/// 407 challenge through kamailio to a registered, auto-answering baresip until the 200 OK is in (ours) or
/// baresip reports CALL_ESTABLISHED (the anchor).
/// </summary>
[Config(typeof(NetworkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SipKamailioBenchmarks
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string> Users = new()
    {
        ["door"] = "door-secret",
        ["bob"] = "bob-secret",
        ["carol"] = "carol-secret",
        ["dave"] = "dave-secret",
    };

    private KamailioPeer _kamailio = null!;
    private BaresipPeer _callee = null!;
    private BaresipPeer _caller = null!;
    private SipUserAgent _agent = null!;
    private SipCall? _call;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _kamailio = await KamailioPeer.StartAsync(Users);
        _callee = await BaresipPeer.StartAsync($"<sip:bob@127.0.0.1:{_kamailio.Port}>;auth_pass={Users["bob"]};regint=600;answermode=auto;audio_codecs=PCMU");
        _caller = await BaresipPeer.StartAsync($"<sip:carol@127.0.0.1:{_kamailio.Port}>;auth_pass={Users["carol"]};regint=600;audio_codecs=PCMU");
        await _callee.WaitForRegistrationAsync(Deadline);
        await _caller.WaitForRegistrationAsync(Deadline);
        var options = new SipUserAgentOptions
        {
            Transport = new SipTransportOptions { BindAddress = System.Net.IPAddress.Loopback, UdpPort = 0, TcpPort = 0, KeepAliveInterval = TimeSpan.Zero },
            ProductName = "IntercomBenchmark",
        };
        options.Accounts.Add(new SipAccountOptions { Name = "door", User = "door", Password = Users["door"], Registrar = $"127.0.0.1:{_kamailio.Port}", Transport = SipTransportPreference.Udp });
        _agent = new SipUserAgent(options);
        await _agent.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_agent.Accounts[0].IsRegistered)
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException("our user agent did not register");
            }

            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _agent.DisposeAsync();
        await _caller.DisposeAsync();
        await _callee.DisposeAsync();
        await _kamailio.DisposeAsync();
    }

    [IterationSetup]
    public void DrainEvents()
    {
        _callee.DrainEvents();
        _caller.DrainEvents();
        _agent.Accounts[0].CachedChallenge = null;
    }

    [Benchmark(Baseline = true, Description = "baresip")]
    [BenchmarkCategory("REGISTER with 401")]
    public async Task BaresipRegister()
    {
        JsonElement response = await _caller.CommandAsync("uanew", $"<sip:dave@127.0.0.1:{_kamailio.Port}>;auth_pass={Users["dave"]};regint=600");
        EnsureOk(response);
        await _caller.WaitForEventAsync("REGISTER_OK", Deadline);
    }

    [IterationCleanup(Target = nameof(BaresipRegister))]
    public void RemoveBaresipAccount() => _caller.CommandAsync("uadel", $"sip:dave@127.0.0.1:{_kamailio.Port}").GetAwaiter().GetResult();

    [Benchmark(Description = "ours")]
    [BenchmarkCategory("REGISTER with 401")]
    public async Task OurRegister()
    {
        SipRegistrationStatus status = await _agent.Accounts[0].RegisterNowAsync();
        if (status.LastStatusCode != 200)
        {
            throw new InvalidOperationException($"REGISTER got {status.LastStatusCode}");
        }
    }

    [Benchmark(Baseline = true, Description = "baresip")]
    [BenchmarkCategory("Call setup via proxy with 407")]
    public async Task BaresipCallSetup()
    {
        EnsureOk(await _caller.CommandAsync("dial", $"sip:bob@127.0.0.1:{_kamailio.Port}"));
        await _caller.WaitForEventAsync("CALL_ESTABLISHED", Deadline);
    }

    [IterationCleanup(Target = nameof(BaresipCallSetup))]
    public void HangUpBaresipCall()
    {
        _caller.CommandAsync("hangup").GetAwaiter().GetResult();
        _callee.WaitForEventAsync("CALL_CLOSED", Deadline).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "ours")]
    [BenchmarkCategory("Call setup via proxy with 407")]
    public async Task OurCallSetup()
    {
        _call = await _agent.CallAsync(new SipCallRequest
        {
            Target = "bob",
            Offer = SipBody.FromText("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"),
        });
        SipResponseInfo outcome = await _call.Outcome;
        if (outcome.StatusCode != 200)
        {
            throw new InvalidOperationException($"INVITE got {outcome.StatusCode}");
        }
    }

    [IterationCleanup(Target = nameof(OurCallSetup))]
    public void HangUpOurCall()
    {
        _call?.HangUpAsync().GetAwaiter().GetResult();
        _callee.WaitForEventAsync("CALL_CLOSED", Deadline).GetAwaiter().GetResult();
    }

    private static void EnsureOk(JsonElement response)
    {
        if (!response.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException("baresip refused: " + response);
        }
    }

    private sealed class NetworkConfig : ManualConfig
    {
        public NetworkConfig()
        {
            // One operation per iteration, in process (the peers live in this process's children).
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(25)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
        }
    }
}
