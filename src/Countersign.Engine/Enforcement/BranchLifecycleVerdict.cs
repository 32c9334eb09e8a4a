namespace Countersign.Engine.Enforcement;

/// <summary>What <see cref="BranchLifecycle.Decide"/> says of a push that creates or deletes a branch.</summary>
public enum BranchLifecycleVerdict
{
    /// <summary>The branch is not protected, or is created from commits already on a branch.</summary>
    Allowed,

    /// <summary>The push deletes a protected branch.</summary>
    ProtectedDeletion,

    /// <summary>The push creates a protected branch carrying commits no branch has yet: they would land unjudged.</summary>
    ProtectedCreationWithNewWork,
}
