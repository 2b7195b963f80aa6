using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Intercom.Sip.Tests.Messages;

/// <summary>
/// Turns a torture message written in the notation of RFC 4475 §2 into its bytes: every line ends in CRLF,
/// &lt;allOneLine&gt; joins the lines it encloses (§2.1), &lt;hex&gt; stands for the octets it names (§2.2) and
/// &lt;repeat count=N&gt; repeats a string (§2.3).
/// </summary>
internal static partial class Rfc4475Decoder
{
    public static byte[] Decode(string notation)
    {
        string text = notation.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = AllOneLine().Replace(text, m => m.Groups[1].Value.Replace("\n", string.Empty, StringComparison.Ordinal) + "\n");
        text = Repeat().Replace(text, m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));
        text = text.Replace("\n", "\r\n", StringComparison.Ordinal);

        var bytes = new List<byte>();
        int position = 0;
        foreach (Match hex in Hex().Matches(text))
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(text[position..hex.Index]));
            bytes.AddRange(Convert.FromHexString(hex.Groups[1].Value));
            position = hex.Index + hex.Length;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(text[position..]));
        return bytes.ToArray();
    }

    public static byte[] Load(string relativePath) =>
        Decode(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", relativePath), Encoding.UTF8));

    public static IEnumerable<string> Names(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", folder), "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [GeneratedRegex(@"<allOneLine>\n(.*?)\n</allOneLine>\n", RegexOptions.Singleline)]
    private static partial Regex AllOneLine();

    [GeneratedRegex(@"<repeat count=(\d+)>(.*?)</repeat>", RegexOptions.Singleline)]
    private static partial Regex Repeat();

    [GeneratedRegex(@"<hex>([0-9A-Fa-f]+)</hex>")]
    private static partial Regex Hex();
}
