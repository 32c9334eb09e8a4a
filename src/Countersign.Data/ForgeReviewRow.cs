namespace Countersign.Data;

/// <summary>
/// A row of <c>forge_reviews</c>: one review given on a forge, the directory person it resolved to, and what it became —
/// a sign-off (<see cref="SignoffId"/>) or a note saying why it does not count (<see cref="Refusal"/>).
/// </summary>
internal sealed class ForgeReviewRow
{
    public long Id { get; set; }

    public string Forge { get; set; } = "";

    public string Repository { get; set; } = "";

    public int Number { get; set; }

    /// <summary>The forge's id of the review; unique per forge and repository (a redelivery finds it).</summary>
    public string ReviewId { get; set; } = "";

    public string ReviewerLogin { get; set; } = "";

    public long ReviewerId { get; set; }

    public string? PersonId { get; set; }

    /// <summary><c>approved</c>, <c>changes-requested</c>, <c>commented</c>.</summary>
    public string Verdict { get; set; } = "";

    public string CommitSha { get; set; } = "";

    public string? SignoffId { get; set; }

    public string? Refusal { get; set; }

    public string At { get; set; } = "";

    public string? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }
}
