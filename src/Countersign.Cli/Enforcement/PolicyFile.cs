using System.Text;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Git;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// Finds and compiles the policy: <c>.countersign/policy.yaml</c> as committed at the trust revision (the target
/// branch, never the change itself), or a file given with <c>--policy</c>. Files it <c>extends</c> are read from the
/// same place, relative to the extending file.
/// </summary>
internal static class PolicyFile
{
    public const string DefaultPath = ".countersign/policy.yaml";

    /// <summary>Compiles the policy; <paramref name="explicitPath"/> is a file on disk, otherwise the committed file is used.</summary>
    public static PolicyCompileResult Load(GitRepository repository, string trustRevision, string? explicitPath, OrgDirectory org, string workingDirectory)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            if (!File.Exists(full))
            {
                return Failed(explicitPath, $"policy file not found: {explicitPath}");
            }

            return LoadFromDisk(full, explicitPath, org);
        }

        using var blobs = new GitBlobReader(repository.Path);
        var commit = repository.ResolveCommit(trustRevision);
        string? Read(string path) => blobs.TryRead($"{commit}:{path}") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        var text = Read(DefaultPath);
        if (text is null)
        {
            return Failed(DefaultPath, $"no policy: {DefaultPath} is not committed at {trustRevision} (run 'countersign init' and commit it, or pass --policy FILE)");
        }

        var source = $"{trustRevision}:{DefaultPath}";
        return PolicyLoader.Load(text, source, org, relative =>
        {
            var path = Combine(DefaultPath, relative);
            return path is not null && Read(path) is { } extended ? (extended, $"{trustRevision}:{path}") : null;
        });
    }

    /// <summary>Compiles a policy file on disk; <paramref name="display"/> is how diagnostics name it.</summary>
    public static PolicyCompileResult LoadFromDisk(string fullPath, string display, OrgDirectory org) =>
        PolicyLoader.Load(File.ReadAllText(fullPath), display, org, relative => ReadDisk(fullPath, relative));

    private static (string Text, string Source)? ReadDisk(string policyPath, string relative)
    {
        var full = Path.GetFullPath(relative, Path.GetDirectoryName(policyPath)!);
        return File.Exists(full) ? (File.ReadAllText(full), relative) : null;
    }

    /// <summary>Resolves <paramref name="relative"/> against the folder of <paramref name="from"/> inside the tree; null when it leaves the tree.</summary>
    internal static string? Combine(string from, string relative)
    {
        var parts = new List<string>(from.Split('/')[..^1]);
        foreach (var part in relative.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static PolicyCompileResult Failed(string source, string message) => PolicyCompileResult.Failed(Diagnostic.Error(source, message));
}
