namespace Intercom.Sip.Messages;

/// <summary>SIP method names (RFC 3261 §7.1 and extensions) as interned strings.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Prack = "PRACK";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Refer = "REFER";
    public const string Message = "MESSAGE";

    private static readonly string[] Known = [Invite, Ack, Bye, Cancel, Options, Register, Info, Update, Prack, Subscribe, Notify, Refer, Message];

    /// <summary>Returns the interned name for a known method (methods are case-sensitive, RFC 3261 §7.1) or a new string.</summary>
    public static string Intern(ReadOnlySpan<byte> method)
    {
        foreach (string known in Known)
        {
            if (method.Length == known.Length && IsExactly(method, known))
            {
                return known;
            }
        }

        return System.Text.Encoding.ASCII.GetString(method);
    }

    private static bool IsExactly(ReadOnlySpan<byte> bytes, string text)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
