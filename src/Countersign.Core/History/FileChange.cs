namespace Countersign.Core.History;

/// <summary>
/// One file touched by a commit, as <c>git log --numstat</c> reports it against the first parent.
/// <see cref="Added"/> and <see cref="Deleted"/> are null when the counts could not be read
/// (binary file, or blobs missing from a partial clone); <see cref="IsBinary"/> tells which.
/// </summary>
public sealed record FileChange(string Path, int? Added, int? Deleted, bool IsBinary = false, string? OldPath = null)
{
    /// <summary>Lines added and deleted, counting unknown as zero.</summary>
    public int ChurnedLines => (Added ?? 0) + (Deleted ?? 0);
}
