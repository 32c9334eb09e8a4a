namespace Countersign.Storage;

/// <summary>The columns of a stored commit that reports aggregate over.</summary>
public sealed record CommitRow
{
    public string Sha { get; init; } = "";

    public string AuthorName { get; init; } = "";

    public string AuthorEmail { get; init; } = "";

    public long AuthorTime { get; init; }

    public bool IsMerge { get; init; }

    public string Status { get; init; } = "";

    /// <summary>Comma-separated tool ids.</summary>
    public string Tools { get; init; } = "";

    public string ReadProblem { get; init; } = "";

    public long? AiLines { get; init; }

    public long? HumanLines { get; init; }

    public long? UnknownLines { get; init; }

    public long Added { get; init; }

    public long Deleted { get; init; }
}
