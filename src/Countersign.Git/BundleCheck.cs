namespace Countersign.Git;

/// <summary>What <see cref="GitBundle.Verify"/> found.</summary>
/// <param name="Ok">The repository can take the bundle.</param>
/// <param name="MissingPrerequisites">It is a bundle, but the repository lacks commits it builds on (<see cref="Details"/> lists them).</param>
/// <param name="Details">The missing commits, or git's error.</param>
public sealed record BundleCheck(bool Ok, bool MissingPrerequisites, IReadOnlyList<string> Details);
