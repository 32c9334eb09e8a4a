namespace Countersign.Core.Audit;

/// <summary>
/// The outcome of <see cref="AuditVerifier"/>: valid or not, how many records, the chain's last hash, the head the
/// database records (null when its row is missing or garbled), and each problem (the first
/// <see cref="AuditVerifier.MaxProblems"/>; <see cref="ProblemCount"/> counts them all).
/// </summary>
public sealed record AuditVerification(bool Valid, int Records, string HeadHash, AuditHead? RecordedHead, IReadOnlyList<AuditProblem> Problems, long ProblemCount, long StateRows = 0);
