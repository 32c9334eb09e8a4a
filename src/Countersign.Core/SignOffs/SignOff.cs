namespace Countersign.Core.SignOffs;

/// <summary>
/// A recorded sign-off, rejection or break-glass, bound to the content it was given for: the change's patch
/// identity and each file's patch identity at that moment. <see cref="PersonId"/> is resolved through the org
/// directory when recorded; <see cref="Comment"/> is untrusted text.
/// </summary>
public sealed record SignOff(
    string Id,
    string ChangeKey,
    string PersonId,
    SignOffKind Kind,
    string PatchId,
    IReadOnlyDictionary<string, string> FilePatchIds,
    string HeadSha,
    DateTimeOffset At,
    string? Comment = null)
{
    /// <summary>The longest comment kept; a longer one is cut (see <see cref="Text.UntrustedText.Bound"/>).</summary>
    public const int MaxCommentLength = 4000;
}
