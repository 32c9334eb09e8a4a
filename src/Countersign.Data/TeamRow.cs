using System.Text.Json;
using Countersign.Core.Organisation;

namespace Countersign.Data;

/// <summary>A row of <c>teams</c>: the team as JSON, and the SCIM link (id, externalId) when provisioned.</summary>
public sealed class TeamRow
{
    public string Id { get; set; } = "";

    public string? ScimId { get; set; }

    public string? ExternalId { get; set; }

    public string Data { get; set; } = "";

    public string UpdatedAt { get; set; } = "";

    public Team Team() => JsonSerializer.Deserialize<Team>(Data, OrgStore.Json)!;
}
