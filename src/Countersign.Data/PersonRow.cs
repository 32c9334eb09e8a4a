using System.Text.Json;
using Countersign.Core.Organisation;

namespace Countersign.Data;

/// <summary>A row of <c>people</c>: the person as JSON, and the SCIM link (id, externalId, userName) when provisioned.</summary>
public sealed class PersonRow
{
    public string Id { get; set; } = "";

    public string? ScimId { get; set; }

    public string? ExternalId { get; set; }

    public string? UserName { get; set; }

    public long Active { get; set; }

    public string Data { get; set; } = "";

    public string UpdatedAt { get; set; } = "";

    public Person Person() => JsonSerializer.Deserialize<Person>(Data, OrgStore.Json)!;
}
