using System.Net;
using Intercom.Media.Codecs;
using Intercom.Media.Sdp;
using Intercom.Media.Srtp;
using Microsoft.Extensions.Options;

namespace Intercom.Station.Calls;

/// <summary>Validates the <c>media</c> section; every message starts with the field's JSON path and says the fix.</summary>
public sealed class CallMediaOptionsValidator : IValidateOptions<CallMediaOptions>
{
    /// <summary>The section's JSON name.</summary>
    public const string SectionName = "media";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CallMediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckCodecs(errors, $"{SectionName}.codecs", options.Codecs);
        CheckSuites(errors, $"{SectionName}.srtpSuites", options.SrtpSuites, options.Srtp);

        double ptime = options.Ptime.TotalMilliseconds;
        if (ptime is < 10 or > 60 || ptime % 10 != 0)
        {
            errors.Add($"{SectionName}.ptime: {options.Ptime} is not a packet time phones accept; use 00:00:00.020 (10 to 60 ms in 10 ms steps)");
        }

        if (options.RtpTimeout != TimeSpan.Zero && (options.RtpTimeout < TimeSpan.FromSeconds(5) || options.RtpTimeout > TimeSpan.FromHours(1)))
        {
            errors.Add($"{SectionName}.rtpTimeout: {options.RtpTimeout} is out of range; use 00:00:00 (off) or 5 s to 1 h, e.g. 00:00:30");
        }

        bool anyPort = options.RtpPortMinimum == 0 && options.RtpPortMaximum == 0;
        if (!anyPort && (options.RtpPortMinimum < 1024 || options.RtpPortMaximum < options.RtpPortMinimum + 1 || options.RtpPortMaximum > 65535))
        {
            errors.Add($"{SectionName}.rtpPortMinimum/rtpPortMaximum: {options.RtpPortMinimum}-{options.RtpPortMaximum} is not a usable range; use 0 and 0 (any port) or a range inside 1024-65535 with room for an RTP/RTCP pair, e.g. 16384-16483");
        }

        if (options.LocalAddress.Length > 0 && !IPAddress.TryParse(options.LocalAddress, out _))
        {
            errors.Add($"{SectionName}.localAddress: \"{options.LocalAddress}\" is not an IP address; use \"\" (automatic) or this device's address, e.g. \"192.168.1.20\"");
        }

        if (options.AdvertisedAddress.Length > 0 && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            errors.Add($"{SectionName}.advertisedAddress: \"{options.AdvertisedAddress}\" is not an IP address; use \"\" (advertise the media address) or the address peers send RTP to, e.g. \"203.0.113.7\"");
        }

        foreach (KeyValuePair<string, AccountMediaOptions> account in options.Accounts)
        {
            string path = $"{SectionName}.accounts.{account.Key}";
            if (string.IsNullOrWhiteSpace(account.Key))
            {
                errors.Add($"{SectionName}.accounts: an entry has an empty account name; use the SIP account's name as the key");
                continue;
            }

            if (account.Value is null)
            {
                errors.Add($"{path}: the entry is null; give an object {{ }} or remove it");
                continue;
            }

            if (account.Value.Codecs is { } codecs)
            {
                CheckCodecs(errors, $"{path}.codecs", codecs);
            }

            CheckSuites(errors, $"{path}.srtpSuites", account.Value.SrtpSuites ?? options.SrtpSuites, account.Value.Srtp ?? options.Srtp);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCodecs(List<string> errors, string path, IList<AudioCodec> codecs)
    {
        if (codecs is null || codecs.Count == 0)
        {
            errors.Add($"{path}: the list is empty; name at least one of \"g722\", \"pcma\", \"pcmu\", \"opus\" (G.711 works with every phone)");
            return;
        }

        var seen = new HashSet<AudioCodec>();
        foreach (AudioCodec codec in codecs)
        {
            if (!Enum.IsDefined(codec))
            {
                errors.Add($"{path}: {codec} is not a codec; use \"opus\", \"g722\", \"pcma\" or \"pcmu\"");
            }
            else if (!seen.Add(codec))
            {
                errors.Add($"{path}: {AudioCodecInfo.EncodingName(codec)} is listed twice; list each codec once");
            }
        }
    }

    private static void CheckSuites(List<string> errors, string path, IList<string>? suites, SrtpPolicy policy)
    {
        if (!Enum.IsDefined(policy))
        {
            errors.Add($"{path[..path.LastIndexOf('.')]}.srtp: {policy} is not a policy; use \"off\", \"optional\" or \"mandatory\"");
            return;
        }

        if (suites is null || (suites.Count == 0 && policy != SrtpPolicy.Off))
        {
            errors.Add($"{path}: SRTP is {policy.ToString().ToLowerInvariant()} but no suite is listed; list e.g. \"AES_CM_128_HMAC_SHA1_80\" or set srtp to \"off\"");
            return;
        }

        foreach (string suite in suites)
        {
            if (SrtpSuiteParameters.FromSdesName(suite ?? "") == SrtpCryptoSuite.None)
            {
                errors.Add($"{path}: \"{suite}\" is not a supported suite; use \"AEAD_AES_128_GCM\", \"AES_CM_128_HMAC_SHA1_80\" or \"AES_CM_128_HMAC_SHA1_32\"");
            }
        }
    }
}
