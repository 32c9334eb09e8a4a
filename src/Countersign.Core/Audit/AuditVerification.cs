namespace Countersign.Core.Audit;

/// <summary>The outcome of <see cref="AuditVerifier.Verify"/>: valid or not, how many records, the head hash, and each problem.</summary>
public sealed record AuditVerification(bool Valid, int Records, string HeadHash, IReadOnlyList<AuditProblem> Problems);
