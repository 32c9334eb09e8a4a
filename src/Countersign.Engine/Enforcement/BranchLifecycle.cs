using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// A push that creates or deletes a branch has no change to evaluate; only whether the branch is protected matters.
/// Deleting a protected branch is refused; creating one is allowed only from commits already on a branch, so new work
/// still reaches it through a change that is signed off. When the policy cannot be read the branch counts as protected
/// (fail closed).
/// </summary>
public static class BranchLifecycle
{
    /// <exception cref="GitCommandException">Git failed.</exception>
    public static BranchLifecycleVerdict Decide(GitRepository repository, PushUpdate update, string? explicitPolicyPath, string workingDirectory)
    {
        if (update.Branch is not { } branch || !(update.IsCreate || update.IsDelete))
        {
            throw new ArgumentException("only the creation or deletion of a branch is decided here", nameof(update));
        }

        var at = update.IsDelete ? update.OldSha : update.NewSha;
        var governing = TrustedPolicy.Load(repository, at, explicitPolicyPath, workingDirectory);
        var isProtected = governing.Compiled.Policy is not { } policy || policy.Protects(branch);
        return !isProtected ? BranchLifecycleVerdict.Allowed
            : update.IsDelete ? BranchLifecycleVerdict.ProtectedDeletion
            : repository.HasCommitsOutsideBranches(update.NewSha) ? BranchLifecycleVerdict.ProtectedCreationWithNewWork
            : BranchLifecycleVerdict.Allowed;
    }
}
