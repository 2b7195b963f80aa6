using System.Security.Cryptography;

namespace Intercom.Tools.Fuzz.Engine;

/// <summary>
/// Saves findings as <c>&lt;root&gt;/&lt;target&gt;/&lt;kind&gt;-&lt;hash&gt;.bin</c> (the input) beside a <c>.txt</c> with the
/// signature and details. A saved input becomes a regression test by copying it to
/// <c>tests/Intercom.Fuzz.Tests/Regressions/&lt;target&gt;/</c>.
/// </summary>
internal sealed class FindingStore
{
    private readonly string root;

    public FindingStore(string root)
    {
        this.root = root;
    }

    /// <summary>Writes the finding and returns the input's path.</summary>
    public string Save(string target, Finding finding)
    {
        string folder = Path.Combine(root, target);
        Directory.CreateDirectory(folder);
        string hash = Convert.ToHexStringLower(SHA256.HashData(finding.Input))[..12];
        string name = $"{finding.Kind.ToString().ToLowerInvariant()}-{hash}";
        string inputPath = Path.Combine(folder, name + ".bin");
        File.WriteAllBytes(inputPath, finding.Input);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{finding.Signature}\n\n{finding.Details}\n");
        return inputPath;
    }
}
