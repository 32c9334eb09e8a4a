using System.Text.Json;

namespace Countersign.Core.Audit;

/// <summary>
/// Checks an audit log read in storage order and names every place where it was tampered with: a record whose hash
/// no longer matches its content (modified), a gap in the sequence (deleted), a repeated or foreign record (inserted),
/// sequence numbers out of order (reordered), or a record that does not link to the one before it.
/// </summary>
/// <remarks>
/// A hash chain proves the log was not altered <em>after</em> a hash of it was kept elsewhere: whoever can rewrite the
/// whole table can recompute every later hash. Publish or sign the head hash (the server's attestations do) and
/// compare it with <see cref="AuditVerification.HeadHash"/>.
/// </remarks>
public static class AuditVerifier
{
    public static AuditVerification Verify(IEnumerable<AuditRecord> records)
    {
        var problems = new List<AuditProblem>();
        AuditRecord? previous = null;
        var seen = new HashSet<long>();
        var count = 0;
        var all = records as IReadOnlyList<AuditRecord> ?? records.ToList();
        var byHash = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in all)
        {
            byHash.TryAdd(record.Hash, record.Sequence);
        }

        foreach (var record in all)
        {
            count++;
            string recomputed;
            try
            {
                recomputed = AuditChain.Recompute(record);
            }
            catch (JsonException)
            {
                recomputed = "";
            }

            if (recomputed != record.Hash && OriginalSequence(record, byHash) is { } original)
            {
                problems.Add(new(record.Sequence, "reordered", $"record #{record.Sequence} holds the record written as #{original} ({record.Kind}): the log was reordered"));
                previous = record;
                continue;
            }

            if (recomputed != record.Hash)
            {
                problems.Add(new(record.Sequence, "modified", $"record #{record.Sequence} ({record.Kind}) was modified: its content no longer matches its hash"));
            }

            var expectedSequence = (previous?.Sequence ?? 0) + 1;
            var expectedLink = previous?.Hash ?? AuditChain.Genesis;
            if (!seen.Add(record.Sequence))
            {
                problems.Add(new(record.Sequence, "inserted", $"record #{record.Sequence} ({record.Kind}) appears twice: one of them was inserted"));
            }
            else if (previous is not null && record.Sequence < previous.Sequence)
            {
                problems.Add(new(record.Sequence, "reordered", $"record #{record.Sequence} ({record.Kind}) comes after #{previous.Sequence}: the log was reordered"));
            }
            else if (record.Sequence > expectedSequence)
            {
                var gap = record.Sequence - expectedSequence;
                var missing = gap == 1 ? $"#{expectedSequence}" : $"#{expectedSequence}–#{record.Sequence - 1}";
                problems.Add(new(record.Sequence, "deleted", $"record{(gap == 1 ? "" : "s")} {missing} before #{record.Sequence} {(gap == 1 ? "was" : "were")} deleted"));
            }
            else if (record.PreviousHash != expectedLink)
            {
                problems.Add(new(record.Sequence, record.Sequence == expectedSequence && recomputed == record.Hash ? "inserted" : "broken-link",
                    $"record #{record.Sequence} ({record.Kind}) does not link to the record before it: it was inserted, or the one before it was replaced"));
            }

            previous = record;
        }

        return new AuditVerification(problems.Count == 0, count, previous?.Hash ?? AuditChain.Genesis, problems);
    }

    /// <summary>
    /// The sequence number a record was written with, when it is intact but carries another number now (records
    /// swapped places): the record it links to says where it belonged, and its hash confirms it.
    /// </summary>
    private static long? OriginalSequence(AuditRecord record, Dictionary<string, long> byHash)
    {
        var original = record.PreviousHash == AuditChain.Genesis ? 1 : byHash.TryGetValue(record.PreviousHash, out var before) ? before + 1 : (long?)null;
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
}
