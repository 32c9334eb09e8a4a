namespace Countersign.Data;

/// <summary>A row of <c>revisions</c>.</summary>
internal sealed class RevisionRow
{
    public long ChangeId { get; set; }

    public int Number { get; set; }

    public string HeadSha { get; set; } = "";

    public string BaseSha { get; set; } = "";

    public string PatchId { get; set; } = "";

    public string Facts { get; set; } = "";

    public string FactsHash { get; set; } = "";

    public string Policy { get; set; } = "";

    public string PolicyHash { get; set; } = "";

    public string CreatedAt { get; set; } = "";
}
