using System.Globalization;
using System.Net;
using System.Text;

namespace Intercom.Interop.Tests.Peers;

/// <summary>
/// Kamailio as registrar and proxy on loopback with digest authentication (the auth module checking static
/// passwords through pv_www_authenticate / pv_proxy_authenticate, no database), UDP and TCP on one port and
/// optionally TLS on a second port with a certificate from a test CA.
/// </summary>
/// <remarks>
/// REGISTER is challenged with 401 and saved in memory (usrloc db_mode 0). An INVITE from a local user is
/// challenged with 407, record-routed and relayed to the registered contact of the Request-URI user.
/// </remarks>
public sealed class KamailioPeer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;

    private KamailioPeer(TempDirectory directory, PeerProcess process, int port, int? tlsPort, string realm)
    {
        _directory = directory;
        _process = process;
        Port = port;
        TlsPort = tlsPort;
        Realm = realm;
    }

    /// <summary>UDP and TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>TLS port on 127.0.0.1, when TLS was asked for.</summary>
    public int? TlsPort { get; }

    /// <summary>The digest realm.</summary>
    public string Realm { get; }

    /// <summary>The process (for its output in failure messages).</summary>
    public PeerProcess Process => _process;

    /// <summary>Starts kamailio and waits until it listens.</summary>
    /// <param name="users">User name and password pairs accepted by the registrar and proxy.</param>
    /// <param name="tls">A CA to issue the server certificate from, or null for no TLS listener.</param>
    /// <param name="algorithm">Digest algorithm of the challenges: MD5 or SHA-256.</param>
    /// <param name="nonceExpire">Lifetime of a nonce (short values provoke stale=true).</param>
    /// <param name="port">The UDP and TCP port; null picks a free one (a restart passes the old one).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<KamailioPeer> StartAsync(IReadOnlyDictionary<string, string> users, TestCertificateAuthority? tls = null, string algorithm = "MD5", TimeSpan? nonceExpire = null, int? port = null, CancellationToken cancellationToken = default)
    {
        var directory = new TempDirectory("kamailio-");
        int sipPort = port ?? FreePort.Next();
        int? tlsPort = tls is null ? null : FreePort.Next();
        const string realm = "intercom.test";
        if (tls is not null)
        {
            using var certificate = tls.IssueServer("localhost", IPAddress.Loopback);
            TestCertificateAuthority.WritePem(certificate, directory.File("server.pem"), directory.File("server.key"));
            File.WriteAllText(directory.File("tls.cfg"), $"""
                [server:default]
                method = TLSv1.2+
                verify_certificate = no
                require_certificate = no
                private_key = {directory.File("server.key")}
                certificate = {directory.File("server.pem")}

                [client:default]
                method = TLSv1.2+
                verify_certificate = no
                require_certificate = no

                """);
        }

        File.WriteAllText(directory.File("kamailio.cfg"), BuildConfig(sipPort, tlsPort, directory, users, realm, algorithm, nonceExpire ?? TimeSpan.FromMinutes(5)));
        PeerProcess process = PeerProcess.Start("kamailio", "kamailio", ["-f", directory.File("kamailio.cfg"), "-DD", "-E", "-Y", directory.Path, "-m", "64", "-M", "8", "-w", directory.Path], directory.Path);
        var peer = new KamailioPeer(directory, process, sipPort, tlsPort, realm);
        try
        {
            await FreePort.WaitForTcpAsync(sipPort, TimeSpan.FromSeconds(20), process, cancellationToken).ConfigureAwait(false);
            if (tlsPort is int secure)
            {
                await FreePort.WaitForTcpAsync(secure, TimeSpan.FromSeconds(20), process, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        _directory.Dispose();
    }

    private static string BuildConfig(int port, int? tlsPort, TempDirectory directory, IReadOnlyDictionary<string, string> users, string realm, string algorithm, TimeSpan nonceExpire)
    {
        var passwords = new StringBuilder();
        foreach ((string user, string password) in users)
        {
            passwords.Append(CultureInfo.InvariantCulture, $"    if ($au == \"{user}\") {{ $var(password) = \"{password}\"; }}\n");
        }

        string tlsLines = tlsPort is int secure
            ? $"enable_tls=yes\nlisten=tls:127.0.0.1:{secure}\n"
            : "enable_tls=no\n";
        string tlsModule = tlsPort is null ? string.Empty : $"loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"{directory.File("tls.cfg")}\")\n";
        return $$"""
            #!KAMAILIO
            debug=2
            log_stderror=yes
            children=2
            tcp_children=2
            auto_aliases=no
            dns=no
            rev_dns=no
            listen=udp:127.0.0.1:{{port}}
            listen=tcp:127.0.0.1:{{port}}
            {{tlsLines}}
            alias="127.0.0.1:{{port}}"
            tcp_accept_no_cl=no

            loadmodule "tm.so"
            loadmodule "sl.so"
            loadmodule "rr.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "xlog.so"
            loadmodule "sanity.so"
            loadmodule "usrloc.so"
            loadmodule "registrar.so"
            loadmodule "auth.so"
            loadmodule "kex.so"
            {{tlsModule}}
            modparam("usrloc", "db_mode", 0)
            modparam("registrar", "min_expires", 60)
            modparam("registrar", "max_expires", 3600)
            modparam("rr", "append_fromtag", 1)
            modparam("auth", "algorithm", "{{algorithm}}")
            modparam("auth", "nonce_expire", {{(int)nonceExpire.TotalSeconds}})
            modparam("auth", "qop", "auth")

            request_route {
                if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                if (!sanity_check("1511", "7")) { exit; }
                if (has_totag()) {
                    if (loose_route()) { t_relay(); exit; }
                    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
                    sl_send_reply("404", "Not here");
                    exit;
                }
                if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
                t_check_trans();
                remove_hf("Route");
                if (is_method("REGISTER")) {
                    route(PASSWORD);
                    if (!pv_www_authenticate("{{realm}}", "$var(password)", "0")) { www_challenge("{{realm}}", "1"); exit; }
                    if (!save("location")) { sl_reply_error(); }
                    exit;
                }
                if (is_method("INVITE")) {
                    route(PASSWORD);
                    if (!pv_proxy_authenticate("{{realm}}", "$var(password)", "0")) { proxy_challenge("{{realm}}", "1"); exit; }
                    consume_credentials();
                    record_route();
                }
                if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
                t_relay();
                exit;
            }

            route[PASSWORD] {
                $var(password) = "";
            {{passwords}}
            }

            """;
    }
}
