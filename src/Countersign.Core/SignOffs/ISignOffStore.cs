namespace Countersign.Core.SignOffs;

/// <summary>
/// Where sign-offs are kept: the embedded database for the CLI, the server later. Implementations propagate
/// failures (a sign-off that was not stored must never look recorded) and never return a sign-off twice.
/// </summary>
public interface ISignOffStore
{
    /// <summary>
    /// The sign-offs filed under <paramref name="changeKey"/>, and those given for the same content under another key
    /// (same <paramref name="patchId"/>: a renamed branch, a re-opened pull request), oldest first. An empty
    /// <paramref name="patchId"/> (an empty diff) matches by key only. Whether each still applies to the change's
    /// current content is the policy's decision, from the patch ids recorded with it.
    /// </summary>
    IReadOnlyList<SignOff> ForChange(string changeKey, string patchId);

    /// <summary>Records a sign-off durably before returning. Recording the identical sign-off again is a no-op.</summary>
    void Add(SignOff signOff);
}
