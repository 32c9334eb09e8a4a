using Countersign.Contracts;
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Server.Evaluation;

/// <summary>What the dashboard's change page needs (see <see cref="ChangeService.DetailAsync"/>).</summary>
public sealed record ChangeDetail(
    ChangeView View,
    ChangeFacts Facts,
    PolicyResult Result,
    OrgDirectory Org,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<string>? ApproveRefusal,
    IReadOnlyList<string>? RejectRefusal);
