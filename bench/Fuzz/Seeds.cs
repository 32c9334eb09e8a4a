using System.Text;

namespace Countersign.Fuzz;

/// <summary>
/// Valid examples per parser: bench/Fuzz/seeds/&lt;target&gt;/*, plus the real files the tests already use. Seeds
/// are cut at a line boundary after <see cref="MaxSeedChars"/> so a million inputs stay affordable.
/// </summary>
internal static class Seeds
{
    public const int MaxSeedChars = 6 * 1024;

    private static readonly Dictionary<string, string[]> Extra = new(StringComparer.Ordinal)
    {
        ["codeowners"] = ["tests/Countersign.Core.Tests/Ownership/Codeowners/Data"],
        ["catalog"] = ["tests/Countersign.Core.Tests/Ownership/Catalog/Data"],
        ["signatures"] = ["src/Countersign.Core/Provenance/tool-signatures.yaml"],
        ["policy"] = ["src/Countersign.Core/Policy/default-policy.yaml"],
    };

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Countersign.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository (Countersign.slnx not found above " + AppContext.BaseDirectory + ")");
    }

    public static List<string> For(FuzzTarget target, string root)
    {
        var files = new List<string>();
        var own = Path.Combine(root, "bench", "Fuzz", "seeds", target.Name);
        if (Directory.Exists(own))
        {
            files.AddRange(Directory.EnumerateFiles(own, "*", SearchOption.AllDirectories));
        }

        foreach (var extra in Extra.GetValueOrDefault(target.Name, []))
        {
            var path = Path.Combine(root, extra);
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
        }

        files.Sort(StringComparer.Ordinal);
        var seeds = files.Select(f => Cut(target.Bytes ? Encoding.Latin1.GetString(File.ReadAllBytes(f)) : File.ReadAllText(f))).ToList();
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"no seeds for {target.Name} in {own}");
        }

        return seeds;
    }

    private static string Cut(string text)
    {
        if (text.Length <= MaxSeedChars)
        {
            return text;
        }

        var end = text.LastIndexOf('\n', MaxSeedChars);
        return text[..(end > 0 ? end + 1 : MaxSeedChars)];
    }
}
