namespace Countersign.Demo;

/// <summary>
/// One planned commit. Commits are identified by fast-import marks (1, 2, …) until written; a message may name
/// another commit as <c>{{full:MARK}}</c> or <c>{{short:MARK}}</c>, which the writer replaces by its sha.
/// </summary>
internal sealed record DemoCommit
{
    public required int Mark { get; init; }

    /// <summary>The ref the commit is made on: <c>refs/heads/main</c> or a feature branch.</summary>
    public required string Ref { get; init; }

    public int? From { get; init; }

    public int? MergeFrom { get; init; }

    public required DemoAuthorship Who { get; init; }

    /// <summary>The instant of the commit (set once the whole plan is known, see <see cref="DemoCalendar"/>).</summary>
    public DateTimeOffset When { get; init; }

    public required IReadOnlyList<DemoFileChange> Changes { get; init; }

    public required DemoCommitKind Kind { get; init; }

    /// <summary>Countersign's tool id for AI and AI-review commits.</summary>
    public string? Tool { get; init; }

    /// <summary>The false-positive trap this commit sets, if any.</summary>
    public string? Trap { get; init; }

    /// <summary>The mark of the commit this one reverts or fixes.</summary>
    public int? RefersTo { get; init; }

    public DemoNotePlan? Note { get; init; }

    public DemoTracePlan? Trace { get; init; }

    public string Subject => Who.Message.Split('\n')[0];
}
