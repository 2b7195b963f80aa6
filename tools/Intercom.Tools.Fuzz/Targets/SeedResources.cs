using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Intercom.Tools.Fuzz.Targets;

/// <summary>Seed inputs embedded in the tool: <c>Seeds/&lt;target&gt;/*</c> and the RFC 4475 torture messages.</summary>
internal static partial class SeedResources
{
    private static readonly Assembly Assembly = typeof(SeedResources).Assembly;

    /// <summary>Every embedded file under <c>seeds/&lt;folder&gt;/</c>, in name order.</summary>
    public static List<byte[]> Load(string folder) => LoadPrefix($"seeds/{folder}/");

    /// <summary>The RFC 4475 torture messages (valid and invalid), decoded from the RFC's notation into bytes.</summary>
    public static List<byte[]> TortureMessages()
    {
        var messages = new List<byte[]>();
        foreach (byte[] notation in LoadPrefix("rfc4475/"))
        {
            messages.Add(DecodeRfc4475(Encoding.UTF8.GetString(notation)));
        }

        return messages;
    }

    /// <summary>
    /// RFC 4475 §2: lines end in CRLF, &lt;allOneLine&gt; joins the lines it encloses, &lt;hex&gt; names octets,
    /// &lt;repeat count=N&gt; repeats a string.
    /// </summary>
    internal static byte[] DecodeRfc4475(string notation)
    {
        string text = notation.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = AllOneLine().Replace(text, match => match.Groups[1].Value.Replace("\n", string.Empty, StringComparison.Ordinal) + "\n");
        text = Repeat().Replace(text, match => new StringBuilder().Insert(0, match.Groups[2].Value, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToString());
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
        return [.. bytes];
    }

    /// <summary>Turns dictionary words into byte tokens.</summary>
    public static byte[][] Tokens(params string[] words)
    {
        var tokens = new byte[words.Length][];
        for (int i = 0; i < words.Length; i++)
        {
            tokens[i] = Encoding.UTF8.GetBytes(words[i]);
        }

        return tokens;
    }

    private static List<byte[]> LoadPrefix(string prefix)
    {
        var names = new List<string>();
        foreach (string name in Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        var files = new List<byte[]>();
        foreach (string name in names)
        {
            using Stream stream = Assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files.Add(memory.ToArray());
        }

        return files;
    }

    [GeneratedRegex(@"<allOneLine>\n(.*?)\n</allOneLine>\n", RegexOptions.Singleline)]
    private static partial Regex AllOneLine();

    [GeneratedRegex(@"<repeat count=(\d+)>(.*?)</repeat>", RegexOptions.Singleline)]
    private static partial Regex Repeat();

    [GeneratedRegex(@"<hex>([0-9A-Fa-f]+)</hex>")]
    private static partial Regex Hex();
}
