using Countersign.Core.Changes;
using Countersign.Core.Policy;

namespace Countersign.Contracts;

/// <summary>Registers a change or a new revision of it (<c>POST /api/v1/changes</c>).</summary>
public sealed record ChangeRegistration(string Repository, ChangeFacts Facts, PolicyBundle Policy, string? Mailmap = null);
