using System.Text;
using Countersign.Git;

namespace Countersign.Engine.Changes;

/// <summary>
/// The tree of one resolved commit, read through a blob reader its owner shares, so that loading the trusted
/// configuration and the policy from the same revision costs one <c>cat-file</c> process and one resolution.
/// </summary>
/// <param name="Commit">The full commit id.</param>
/// <param name="Label">How messages name the revision (<c>main</c>, <c>origin/main</c>, a sha as given).</param>
/// <param name="Blobs">The reader the caller owns and disposes.</param>
internal sealed record CommittedTree(string Commit, string Label, GitBlobReader Blobs)
{
    /// <summary>The file's text at the commit, or null when it is absent (or unreadable in a partial clone).</summary>
    public string? Read(string path) => Blobs.TryRead($"{Commit}:{path}") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
