namespace Intercom.Sip.Transport;

/// <summary>Sends serialized messages; the transaction layer's only view of the transports.</summary>
internal interface ISipSender
{
    /// <summary>
    /// Sends without waiting. Failures (connection refused, TLS failure) are reported by calling
    /// <paramref name="onError"/> on the stack loop.
    /// </summary>
    void Send(SipFlow flow, ReadOnlyMemory<byte> data, Action<Exception>? onError);
}
