namespace Countersign.Git;

/// <summary>
/// The content identity of a diff, from <c>git patch-id --stable</c>: blind to line numbers, whitespace and file
/// order, so a pure rebase keeps it and any change of content changes it.
/// </summary>
/// <param name="PatchId">
/// The stable patch id of the whole diff (40 hex digits; 64 in a SHA-256 repository), or <c>""</c> when the diff is
/// empty. For text diffs it equals <c>git diff … | git patch-id --stable</c>: a stable id is the sum of its files' ids.
/// </param>
/// <param name="FilePatchIds">
/// Each changed path's own patch id. Renames are not followed, so a renamed file appears as its old path (deleted)
/// and its new path (added).
/// </param>
public sealed record PatchIdentity(string PatchId, IReadOnlyDictionary<string, string> FilePatchIds);
