namespace Intercom.Media.Sdp;

/// <summary>Media direction attributes of RFC 3264 §5.1 and §6.1 (hold is <see cref="SendOnly"/> or <see cref="Inactive"/>).</summary>
public enum MediaDirection
{
    /// <summary><c>a=sendrecv</c>, the default.</summary>
    SendReceive = 0,

    /// <summary><c>a=sendonly</c>.</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>.</summary>
    ReceiveOnly,

    /// <summary><c>a=inactive</c>.</summary>
    Inactive,
}
