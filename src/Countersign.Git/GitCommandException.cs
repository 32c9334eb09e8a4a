namespace Countersign.Git;

/// <summary>
/// git could not do what was asked (not a repository, unknown revision, git missing).
/// The message is a one-line explanation fit for the user.
/// </summary>
public sealed class GitCommandException(string message) : Exception(message);
