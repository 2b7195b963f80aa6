namespace Intercom.Sip.Messages;

/// <summary>One header field line of a parsed message: where its name and (unfolded) value sit in the message buffer.</summary>
internal readonly record struct SipHeaderField(SipHeaderKind Kind, int NameStart, int NameLength, int ValueStart, int ValueLength);
