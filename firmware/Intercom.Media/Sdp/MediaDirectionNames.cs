namespace Intercom.Media.Sdp;

/// <summary>SDP names of <see cref="MediaDirection"/> and the answerer's view of an offered direction.</summary>
public static class MediaDirectionNames
{
    /// <summary>The attribute name.</summary>
    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.ReceiveOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>Parses a direction attribute name; false when <paramref name="name"/> is not one.</summary>
    public static bool TryParse(string name, out MediaDirection direction)
    {
        switch (name)
        {
            case "sendrecv":
                direction = MediaDirection.SendReceive;
                return true;
            case "sendonly":
                direction = MediaDirection.SendOnly;
                return true;
            case "recvonly":
                direction = MediaDirection.ReceiveOnly;
                return true;
            case "inactive":
                direction = MediaDirection.Inactive;
                return true;
            default:
                direction = MediaDirection.SendReceive;
                return false;
        }
    }

    /// <summary>RFC 3264 §6.1: the direction an answerer that wants <paramref name="wanted"/> puts against an offer.</summary>
    public static MediaDirection Answer(MediaDirection offered, MediaDirection wanted)
    {
        bool offerSends = offered is MediaDirection.SendReceive or MediaDirection.SendOnly;
        bool offerReceives = offered is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;
        bool weSend = offerReceives && wanted is MediaDirection.SendReceive or MediaDirection.SendOnly;
        bool weReceive = offerSends && wanted is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;
        return (weSend, weReceive) switch
        {
            (true, true) => MediaDirection.SendReceive,
            (true, false) => MediaDirection.SendOnly,
            (false, true) => MediaDirection.ReceiveOnly,
            _ => MediaDirection.Inactive,
        };
    }
}
