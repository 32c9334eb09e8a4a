using System.Text;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// Finds and compiles the policy: <c>.countersign/policy.yaml</c> as committed at the trust revision (the target
/// branch, never the change itself), or a file given with <c>--policy</c>. Files it <c>extends</c> are read from the
/// same place, relative to the extending file.
/// </summary>
public static class PolicyFile
{
    public const string DefaultPath = ".countersign/policy.yaml";

    /// <summary>Compiles the policy; <paramref name="explicitPath"/> is a file on disk, otherwise the committed file is used.</summary>
    public static PolicyCompileResult Load(GitRepository repository, string trustRevision, string? explicitPath, OrgDirectory org, string workingDirectory) =>
        LoadWithBundle(repository, trustRevision, explicitPath, org, workingDirectory).Result;

    /// <summary>
    /// Loads the policy as <see cref="Load"/> does and also returns what was read — the text, its source and every file
    /// it extends — so a server can compile exactly the same policy. The bundle is null when the policy was not found.
    /// </summary>
    public static (PolicyCompileResult Result, PolicyBundle? Bundle) LoadWithBundle(GitRepository repository, string trustRevision, string? explicitPath, OrgDirectory org, string workingDirectory)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? text = null;
        string? source = null;
        var result = LoadRecording(repository, trustRevision, explicitPath, org, workingDirectory, (t, s) => (text, source) = (t, s), (relative, t) => files[relative] = t);
        return (result, text is null ? null : new PolicyBundle(source!, text, files));
    }

    private static PolicyCompileResult LoadRecording(GitRepository repository, string trustRevision, string? explicitPath, OrgDirectory org, string workingDirectory, Action<string, string> main, Action<string, string> extended)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            if (!File.Exists(full))
            {
                return Failed(explicitPath, $"policy file not found: {explicitPath}");
            }

            var diskText = File.ReadAllText(full);
            main(diskText, explicitPath);
            return PolicyLoader.Load(diskText, explicitPath, org, relative =>
            {
                var read = ReadDisk(full, relative);
                if (read is { } found)
                {
                    extended(relative, found.Text);
                }

                return read;
            });
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
        main(text, source);
        return PolicyLoader.Load(text, source, org, relative =>
        {
            var path = Combine(DefaultPath, relative);
            if (path is not null && Read(path) is { } found)
            {
                extended(relative, found);
                return (found, $"{trustRevision}:{path}");
            }

            return null;
        });
    }

    /// <summary>
    /// Compiles a policy file on disk; <paramref name="display"/> is how diagnostics name it. Each file it extends that
    /// was found is added to <paramref name="extended"/>, when given.
    /// </summary>
    public static PolicyCompileResult LoadFromDisk(string fullPath, string display, OrgDirectory org, ICollection<string>? extended = null) =>
        PolicyLoader.Load(File.ReadAllText(fullPath), display, org, relative =>
        {
            var read = ReadDisk(fullPath, relative);
            if (read is not null)
            {
                extended?.Add(Combine(display, relative) ?? relative);
            }

            return read;
        });

    private static (string Text, string Source)? ReadDisk(string policyPath, string relative)
    {
        var full = Path.GetFullPath(relative, Path.GetDirectoryName(policyPath)!);
        return File.Exists(full) ? (File.ReadAllText(full), relative) : null;
    }

    /// <summary>Resolves <paramref name="relative"/> against the folder of <paramref name="from"/> inside the tree; null when it leaves the tree.</summary>
    public static string? Combine(string from, string relative)
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
