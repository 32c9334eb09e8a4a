namespace Countersign.Data;

/// <summary>
/// The audit chain's head row is missing or garbled, so no record can be appended (and therefore no state changed)
/// until an operator restores it. <c>audit verify</c> names the problem; reads keep working.
/// </summary>
internal sealed class AuditHeadException(string reason)
    : InvalidOperationException($"{reason}: the server records nothing until it is restored (run `countersign audit verify` and restore audit_head from the last intact record)");
