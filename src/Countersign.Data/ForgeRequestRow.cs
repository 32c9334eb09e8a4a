namespace Countersign.Data;

/// <summary>A row of <c>forge_requests</c>: a pull or merge request as its forge last described it.</summary>
internal sealed class ForgeRequestRow
{
    public string Forge { get; set; } = "";

    public string Repository { get; set; } = "";

    public int Number { get; set; }

    public string ChangeKey { get; set; } = "";

    public string? Title { get; set; }

    /// <summary>The description, bounded (<see cref="ForgeStore.MaxBody"/>); its disclosures are read from it when the change is rebuilt.</summary>
    public string? Body { get; set; }

    public string? BodyHash { get; set; }

    public string BaseRef { get; set; } = "";

    public string HeadRef { get; set; } = "";

    public string HeadSha { get; set; } = "";

    /// <summary><c>open</c>, <c>closed</c> or <c>merged</c>.</summary>
    public string State { get; set; } = "open";

    public long Draft { get; set; }

    /// <summary>The labels as a JSON array.</summary>
    public string Labels { get; set; } = "[]";

    public string AuthorLogin { get; set; } = "";

    public long? Installation { get; set; }

    public string UpdatedAt { get; set; } = "";
}
