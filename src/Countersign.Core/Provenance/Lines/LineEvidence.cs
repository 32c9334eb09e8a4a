namespace Countersign.Core.Provenance.Lines;

/// <summary>Builds the evidence items of <see cref="LineAttributionBuilder"/> from its claims.</summary>
internal static class LineEvidence
{
    public static List<Evidence> From(List<LineClaim> claims, Func<string, int?> added)
    {
        var evidence = new List<Evidence>();
        foreach (var kind in new[] { EvidenceKind.Note, EvidenceKind.Trace })
        {
            var ofKind = claims.Where(c => c.Kind == kind).ToList();
            var prefix = kind == EvidenceKind.Note ? "git-ai note" : "agent-trace";
            var confidence = kind == EvidenceKind.Note ? LineAttributionBuilder.NoteConfidence : LineAttributionBuilder.TraceConfidence;
            var ai = ofKind.Where(c => c.IsAi).ToList();
            foreach (var group in ai.GroupBy(c => c.Tool ?? ToolNames.OtherAi, StringComparer.Ordinal))
            {
                var (lines, files) = Lines(group, added);
                var labels = group.Select(c => c.RawTool).Concat(group.Select(c => c.Model))
                    .Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal);
                var label = string.Join(", ", labels);
                var text = $"{prefix}: {lines} AI lines in {Files(files)}{(label.Length == 0 ? "" : $" ({label})")}";
                evidence.Add(new Evidence(kind, group.Key, Evidence.Bound(text), confidence, ProvenanceStatus.Ai));
            }

            var human = ofKind.Where(c => !c.IsAi).ToList();
            if (ai.Count == 0 && human.Count > 0)
            {
                var (lines, files) = Lines(human, added);
                var text = $"{prefix}: {lines} human lines in {Files(files)}, no AI lines";
                evidence.Add(new Evidence(kind, null, Evidence.Bound(text), confidence, ProvenanceStatus.HumanDeclared));
            }
        }

        return evidence;
    }

    private static (int Lines, int Files) Lines(IEnumerable<LineClaim> claims, Func<string, int?> added)
    {
        long lines = 0;
        var files = 0;
        foreach (var file in claims.GroupBy(c => c.Path, StringComparer.Ordinal))
        {
            var count = LineRangeSet.Count(LineRangeSet.Merge(file.Select(c => c.Range)));
            lines += Math.Min(count, added(file.Key) ?? count);
            files++;
        }

        return ((int)Math.Min(lines, int.MaxValue), files);
    }

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";
}
