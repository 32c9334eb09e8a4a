using Countersign.Contracts;

namespace Countersign.Data;

/// <summary>What a decision reads from the database (see <see cref="ChangeStore.DecisionRowsAsync"/>).</summary>
internal sealed record DecisionRows(ChangeRow Change, RevisionRow Revision, long OrgVersion, List<SignOffView> SignOffs);
