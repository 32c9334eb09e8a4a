using System.Globalization;

namespace Countersign.Core.Audit;

/// <summary>
/// One row of the audit log exactly as stored: every column as text, none trusted to be well formed. The verifier
/// parses it and names each column that is not (<see cref="AuditRowParser"/>), so a garbled record is a finding, not a crash.
/// </summary>
/// <param name="Sequence">The sequence column as text (null when the column is NULL).</param>
/// <param name="At">The time column as stored.</param>
/// <param name="Kind">The kind column.</param>
/// <param name="Actor">The actor column.</param>
/// <param name="Content">The content column (canonical JSON when intact).</param>
/// <param name="PreviousHash">The previous-hash column.</param>
/// <param name="Hash">The hash column.</param>
/// <param name="Subject">The unhashed index column naming the state row the record is about (see <see cref="AuditState.SubjectOf"/>).</param>
public sealed record AuditRow(string? Sequence, string? At, string? Kind, string? Actor, string? Content, string? PreviousHash, string? Hash, string? Subject = null)
{
    /// <summary>The row a store writes for <paramref name="record"/>.</summary>
    public static AuditRow From(AuditRecord record) => new(
        record.Sequence.ToString(CultureInfo.InvariantCulture), AuditChain.FormatTime(record.At), record.Kind, record.Actor, record.Content,
        record.PreviousHash, record.Hash, AuditState.SubjectOf(record.Kind, record.Content));
}
