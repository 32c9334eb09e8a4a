namespace Countersign.Git;

/// <summary>
/// git could not do what was asked. The message is a one-line explanation fit for the user.
/// <see cref="IsBadInput"/> tells a wrong request (not a repository, unknown revision) from git failing underneath.
/// </summary>
public sealed class GitCommandException(string message, bool isBadInput = false) : Exception(message)
{
    public bool IsBadInput { get; } = isBadInput;
}
