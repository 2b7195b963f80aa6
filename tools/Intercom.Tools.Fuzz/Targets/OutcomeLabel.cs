using System.Text;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>Turns a parser's reason text into a stable outcome label: quoted parts dropped, digits folded.</summary>
internal static class OutcomeLabel
{
    public static string Of(string prefix, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return prefix;
        }

        var label = new StringBuilder(prefix.Length + 48).Append(prefix).Append(": ");
        foreach (char c in reason)
        {
            if (c is '\'' or '"' or '(' || label.Length > prefix.Length + 60)
            {
                break;
            }

            label.Append(char.IsAsciiDigit(c) ? '#' : c);
        }

        return label.ToString().TrimEnd();
    }
}
