using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>What evaluating a stored change needs besides its sign-offs and the time: its facts rebound to the server's directory, and its compiled policy.</summary>
public sealed record ChangeInputs(ChangeFacts Facts, CompiledPolicy Policy, StoredPolicy Stored, (long Version, OrgDirectory Org) Directory)
{
    public OrgDirectory Org => Directory.Org;

    public string? Mailmap => Stored.Mailmap;
}
