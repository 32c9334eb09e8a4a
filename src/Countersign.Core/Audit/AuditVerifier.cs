using System.Globalization;
using System.Text.Json;

namespace Countersign.Core.Audit;

/// <summary>
/// The one verification of the audit log, fed in storage order (by sequence) so that it streams: it names every
/// malformed column, every record whose hash no longer matches its content (modified), every gap (deleted), every
/// record that does not link to the one before it (inserted or broken-link), records that swapped places (reordered),
/// a head row that is missing, garbled or disagrees with the chain's end, a published head the chain no longer holds,
/// and — through <see cref="AddState"/> — every state row the chain does not vouch for (<see cref="AuditState"/>).
/// Memory is bounded: a window of recent hashes, not the whole log.
/// </summary>
/// <remarks>
/// A hash chain proves the log was not altered <em>after</em> a hash of it was kept elsewhere: whoever can rewrite the
/// whole table can recompute every later hash. Publish or sign the head hash (the server's attestations do) and
/// pass it as the expected head.
/// </remarks>
public sealed class AuditVerifier(string? expectHead = null)
{
    /// <summary>How many problems a verification lists (it counts them all).</summary>
    public const int MaxProblems = 1000;

    /// <summary>How far apart two swapped records may be for the verifier to name them reordered rather than modified.</summary>
    private const int Window = 10_000;

    private readonly List<AuditProblem> problems = [];
    private readonly Dictionary<string, long> recent = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();
    private readonly List<Pending> pending = [];
    private long problemCount;
    private int count;
    private long lastSequence;
    private string? lastHash;
    private bool expectedSeen;
    private long stateRows;

    /// <summary>Verifies a whole log of records (no head row, no state): the chain alone.</summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records)
    {
        var verifier = new AuditVerifier();
        foreach (var record in records)
        {
            verifier.Add(AuditRow.From(record));
        }

        return verifier.Finish(head: null);
    }

    /// <summary>The next stored row, in storage order.</summary>
    public void Add(AuditRow row)
    {
        count++;
        var found = new List<AuditProblem>();
        var record = AuditRowParser.Parse(row, lastSequence, found);
        if (row.Hash is { } h && expectHead is not null && string.Equals(h, expectHead, StringComparison.OrdinalIgnoreCase))
        {
            expectedSeen = true;
        }

        if (record is not null && AuditState.SubjectOf(record.Kind, record.Content) != row.Subject)
        {
            found.Add(new AuditProblem(record.Sequence, "modified",
                $"record #{record.Sequence} ({AuditRowParser.Label(record.Kind)}) is filed under {AuditRowParser.Show(row.Subject)} but its content is about {AuditRowParser.Show(AuditState.SubjectOf(record.Kind, record.Content))}", Field: "subject"));
        }

        long? sequence = long.TryParse(row.Sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;
        var links = new List<AuditProblem>();
        var expected = lastSequence + 1;
        var expectedLink = lastHash ?? AuditChain.Genesis;
        var label = sequence is { } q ? $"#{q}" : $"after #{lastSequence}";
        if (sequence is { } dup && count > 1 && dup == lastSequence)
        {
            links.Add(new(dup, "inserted", $"record #{dup} ({AuditRowParser.Label(row.Kind)}) appears twice: one of them was inserted"));
        }
        else if (sequence is { } seq && seq < expected)
        {
            links.Add(new(seq, "reordered", $"record #{seq} ({AuditRowParser.Label(row.Kind)}) comes after #{lastSequence}: the log was reordered"));
        }
        else if (sequence is { } gapEnd && gapEnd > expected)
        {
            var gap = gapEnd - expected;
            var missing = gap == 1 ? $"#{expected}" : $"#{expected}–#{gapEnd - 1}";
            links.Add(new(gapEnd, "deleted", $"record{(gap == 1 ? "" : "s")} {missing} before #{gapEnd} {(gap == 1 ? "was" : "were")} deleted"));
        }
        else if (AuditRowParser.IsHash(row.PreviousHash) && row.PreviousHash != expectedLink)
        {
            var intact = record is not null && AuditChain.Recompute(record) == record.Hash;
            links.Add(new(sequence ?? expected, sequence == expected && intact ? "inserted" : "broken-link",
                $"record {label} ({AuditRowParser.Label(row.Kind)}) does not link to the record before it: it was inserted, or the one before it was replaced"));
        }

        var original = sequence;
        if (record is not null && AuditChain.Recompute(record) != record.Hash)
        {
            if (Resolve(record, recent.TryGetValue(record.PreviousHash, out var before) ? before + 1 : record.PreviousHash == AuditChain.Genesis ? 1 : null) is { } moved)
            {
                Report(Reordered(record, moved));
                original = moved;
                links.Clear();
            }
            else
            {
                pending.Add(new Pending(record, count, [.. links]));
                links.Clear();
            }
        }

        foreach (var problem in found.Concat(links))
        {
            Report(problem);
        }

        if (row.Hash is { } hash && AuditRowParser.IsHash(hash))
        {
            ResolvePending(hash, original ?? expected);
            Remember(hash, original ?? expected);
        }

        ExpirePending();
        lastSequence = sequence ?? expected;
        lastHash = AuditRowParser.IsHash(row.Hash) ? row.Hash : null;
    }

    /// <summary>Problems found in the state tables (see <see cref="AuditState.Reconcile"/>), and how many rows were compared.</summary>
    public void AddState(IEnumerable<AuditProblem> found, long rows = 0)
    {
        stateRows += rows;
        foreach (var problem in found)
        {
            Report(problem);
        }
    }

    /// <summary>The result, after comparing the chain's end with the stored head rows (null: there is no head to compare, as for an export).</summary>
    public AuditVerification Finish(IReadOnlyList<AuditHeadRow>? head)
    {
        foreach (var left in pending)
        {
            Modified(left);
        }

        pending.Clear();
        var recorded = head is null ? null : CheckHead(head);
        if (expectHead is not null && !expectedSeen)
        {
            Report(new AuditProblem(0, "deleted", $"the published head {AuditRowParser.Show(expectHead)} is not in the chain: the log was truncated or rewritten"));
        }

        var sorted = problems.OrderBy(p => p.Sequence == 0 ? long.MaxValue : p.Sequence).ToList();
        return new AuditVerification(problemCount == 0, count, lastHash ?? AuditChain.Genesis, recorded, sorted, problemCount, stateRows);
    }

    private AuditHead? CheckHead(IReadOnlyList<AuditHeadRow> rows)
    {
        foreach (var extra in rows.Where(r => r.Id != "1"))
        {
            Report(new AuditProblem(0, "inserted", $"the head table holds an extra row (id {AuditRowParser.Show(extra.Id)}): only row 1 is ever written", Field: "audit_head.id"));
        }

        var row = rows.FirstOrDefault(r => r.Id == "1");
        if (row is null)
        {
            Report(new AuditProblem(0, "head-missing", $"the head row is missing (audit_head has no row 1): the chain's end (#{lastSequence}) cannot be checked, and the server refuses to write until it is restored", Field: "audit_head"));
            return null;
        }

        var sequenceOk = long.TryParse(row.Sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence);
        if (!sequenceOk)
        {
            Report(new AuditProblem(0, "malformed", $"the head row is malformed: its sequence {AuditRowParser.Show(row.Sequence)} is not a number", Field: "audit_head.sequence"));
        }

        if (!AuditRowParser.IsHash(row.Hash))
        {
            Report(new AuditProblem(0, "malformed", $"the head row is malformed: its hash {AuditRowParser.Show(row.Hash)} is not 64 lower-case hex digits", Field: "audit_head.hash"));
        }

        if (!sequenceOk || !AuditRowParser.IsHash(row.Hash))
        {
            return null;
        }

        var last = count == 0 ? 0 : lastSequence;
        if (sequence > last)
        {
            var n = sequence - last;
            Report(new AuditProblem(sequence, "deleted", $"the head records #{sequence} but the log ends at #{last}: record{(n == 1 ? "" : "s")} after #{last} {(n == 1 ? "was" : "were")} deleted"));
        }
        else if (sequence < last)
        {
            var n = last - sequence;
            Report(new AuditProblem(last, "inserted", $"the log ends at #{last} but the head records #{sequence}: record{(n == 1 ? "" : "s")} after #{sequence} {(n == 1 ? "was" : "were")} inserted"));
        }
        else if (row.Hash != (lastHash ?? AuditChain.Genesis))
        {
            Report(new AuditProblem(last, "modified", $"the last record's hash differs from the recorded head: record #{last} was replaced (or the head row was altered)", Field: "audit_head.hash"));
        }

        return new AuditHead(sequence, row.Hash!);
    }

    private void Report(AuditProblem problem)
    {
        problemCount++;
        if (problems.Count < MaxProblems)
        {
            problems.Add(problem);
        }
    }

    private static long? Resolve(AuditRecord record, long? original)
    {
        if (original is not { } sequence || sequence == record.Sequence)
        {
            return null;
        }

        try
        {
            return AuditChain.Recompute(record with { Sequence = sequence }) == record.Hash ? sequence : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AuditProblem Reordered(AuditRecord record, long original) =>
        new(record.Sequence, "reordered", $"record #{record.Sequence} holds the record written as #{original} ({AuditRowParser.Label(record.Kind)}): the log was reordered");

    /// <summary>A record written before the one it links to came by: the later record says where it belonged.</summary>
    private void ResolvePending(string hash, long sequence)
    {
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            if (pending[i].Record.PreviousHash == hash && Resolve(pending[i].Record, sequence + 1) is { } moved)
            {
                Report(Reordered(pending[i].Record, moved));
                pending.RemoveAt(i);
            }
        }
    }

    private void ExpirePending()
    {
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            if (count - pending[i].Position > Window)
            {
                Modified(pending[i]);
                pending.RemoveAt(i);
            }
        }
    }

    private void Modified(Pending left)
    {
        Report(new AuditProblem(left.Record.Sequence, "modified", $"record #{left.Record.Sequence} ({AuditRowParser.Label(left.Record.Kind)}) was modified: its content no longer matches its hash"));
        foreach (var link in left.Links)
        {
            Report(link);
        }
    }

    private void Remember(string hash, long sequence)
    {
        recent[hash] = sequence;
        order.Enqueue(hash);
        if (order.Count > Window)
        {
            recent.Remove(order.Dequeue());
        }
    }

    private sealed record Pending(AuditRecord Record, int Position, List<AuditProblem> Links);
}
