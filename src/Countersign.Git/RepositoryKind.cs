namespace Countersign.Git;

/// <summary>How a repository was cloned, which decides what a scan can expect to read.</summary>
public sealed record RepositoryKind(bool IsBare, bool IsShallow, bool IsPartial)
{
    public override string ToString()
    {
        var parts = new List<string> { IsBare ? "bare" : "normal" };
        if (IsShallow)
        {
            parts.Add("shallow");
        }

        if (IsPartial)
        {
            parts.Add("partial");
        }

        return string.Join(", ", parts);
    }
}
