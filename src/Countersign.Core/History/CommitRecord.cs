namespace Countersign.Core.History;

/// <summary>
/// The facts git holds about one commit: identity, parents, people, the raw message and the files it touched.
/// <see cref="Message"/> is untrusted text straight from the repository; it is already decoded to UTF-8
/// (invalid bytes replaced) and bounded by the reader.
/// </summary>
public sealed record CommitRecord(
    string Sha,
    IReadOnlyList<string> Parents,
    GitIdentity Author,
    GitIdentity Committer,
    string Message,
    IReadOnlyList<FileChange> Files,
    CommitReadProblem ReadProblem = CommitReadProblem.None)
{
    /// <summary>The first line of the message.</summary>
    public string Subject
    {
        get
        {
            var end = Message.IndexOf('\n', StringComparison.Ordinal);
            return (end < 0 ? Message : Message[..end]).TrimEnd('\r');
        }
    }

    public bool IsMerge => Parents.Count > 1;

    public int LinesAdded => Files.Sum(f => f.Added ?? 0);

    public int LinesDeleted => Files.Sum(f => f.Deleted ?? 0);
}
