using System.Security.Cryptography;
using System.Text;
using Countersign.Core.Organisation;
using Countersign.Git;

namespace Countersign.Engine.Scanning;

/// <summary>
/// The <c>.mailmap</c> the scan report groups authors with, found where git's own commands find it: the work tree's
/// file, or in a bare repository the one committed at HEAD (git's default <c>mailmap.blob</c>).
/// </summary>
public sealed record ScanMailmap(Mailmap Mailmap, string Fingerprint)
{
    public static ScanMailmap None { get; } = new(Mailmap.Empty, "none");

    public static ScanMailmap Load(GitRepository repository)
    {
        var text = ReadText(repository);
        if (text is null)
        {
            return None;
        }

        // Lines git ignores are ignored here too; 'policy validate' is where they are reported.
        var parsed = Mailmap.Parse(text, ".mailmap");
        return new(parsed.Mailmap, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]);
    }

    private static string? ReadText(GitRepository repository)
    {
        if (!repository.Kind.IsBare)
        {
            var file = Path.Combine(repository.Path, ".mailmap");
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }

        using var blobs = new GitBlobReader(repository.Path);
        return blobs.TryRead("HEAD:.mailmap") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
    }
}
