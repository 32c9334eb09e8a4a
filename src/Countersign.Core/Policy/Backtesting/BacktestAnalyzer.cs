namespace Countersign.Core.Policy.Backtesting;

/// <summary>Turns labelled, replayed changes into a <see cref="BacktestReport"/>. Pure: the same changes give the same numbers.</summary>
public static class BacktestAnalyzer
{
    /// <summary>Reverts and fixes mostly come within weeks; a younger change's "good" label is not settled yet.</summary>
    public const int SettleDays = 30;

    public static BacktestReport Analyze(CompiledPolicy policy, IReadOnlyList<BacktestChange> changes, DateTimeOffset horizon)
    {
        var rules = new List<RuleUsage>(policy.Rules.Count);
        foreach (var rule in policy.Rules)
        {
            var applied = changes.Count(c => c.AppliedRules.Any(a => a.Name == rule.Name));
            rules.Add(new RuleUsage(rule.Name, rule.Mode, applied, Ratio(applied, changes.Count) ?? 0));
        }

        var settled = changes.Where(c => c.LandedAt <= horizon.AddDays(-SettleDays)).ToList();
        return new BacktestReport(
            changes.Count,
            changes.Count(c => c.IsMerge),
            changes.Count(c => c.NeedsSignOff),
            changes.Count(c => c.NeedsEnforcedSignOff),
            changes.Count(c => c.Frozen),
            changes.Count(c => c.AppliedRules.Any(r => r.Unsatisfiable)),
            rules,
            Load(changes),
            Score(changes),
            Score(settled),
            changes.Count - settled.Count,
            horizon,
            SettleDays);
    }

    private static List<PersonLoad> Load(IReadOnlyList<BacktestChange> changes)
    {
        var people = new Dictionary<string, (Evaluation.Candidate Who, int Changes, double Load)>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var shares = change.AppliedRules
                .SelectMany(rule => rule.Candidates.Select(candidate => (Candidate: candidate, Share: rule.LoadPerCandidate)))
                .GroupBy(x => x.Candidate.PersonId, StringComparer.Ordinal);
            foreach (var person in shares)
            {
                var share = person.Max(x => x.Share);
                people[person.Key] = people.TryGetValue(person.Key, out var sofar)
                    ? (sofar.Who, sofar.Changes + 1, sofar.Load + share)
                    : (person.First().Candidate, 1, share);
            }
        }

        return people.Values
            .Select(p => new PersonLoad(p.Who.PersonId, p.Who.Name, p.Who.Level, p.Changes, Math.Round(p.Load, 3)))
            .OrderByDescending(p => p.ExpectedLoad)
            .ThenByDescending(p => p.Changes)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static OutcomeScore Score(IReadOnlyList<BacktestChange> population)
    {
        var flagged = population.Where(c => c.NeedsSignOff).ToList();
        var bad = population.Count(c => c.Bad);
        var flaggedBad = flagged.Count(c => c.Bad);
        var (baselineBad, baselineLines) = LargestFirst(population, flagged.Count);
        var totalLines = population.Sum(c => (long)c.LinesAdded);
        var comparison = bad == 0 || flagged.Count == 0 ? "undefined"
            : flaggedBad > baselineBad + 1e-9 ? "beats"
            : flaggedBad < baselineBad - 1e-9 ? "trails"
            : "ties";
        return new OutcomeScore(
            population.Count,
            bad,
            flagged.Count,
            flaggedBad,
            Ratio(flaggedBad, bad),
            Ratio(flaggedBad, flagged.Count),
            Math.Round(baselineBad, 3),
            Ratio(baselineBad, bad),
            Ratio(baselineBad, flagged.Count),
            Ratio(flagged.Sum(c => (double)c.LinesAdded), totalLines),
            Ratio(baselineLines, totalLines),
            comparison);
    }

    /// <summary>
    /// The "lines added only" baseline of the JIT defect-prediction literature: flag the <paramref name="count"/>
    /// changes that add most lines. Changes tied at the cut are taken at random, so the bad changes caught are their
    /// expectation (the tied group's bad share of the places left). Returns the bad changes caught and the lines added.
    /// </summary>
    private static (double Bad, double Lines) LargestFirst(IReadOnlyList<BacktestChange> population, int count)
    {
        double bad = 0, lines = 0;
        var left = count;
        foreach (var tied in population.GroupBy(c => c.LinesAdded).OrderByDescending(g => g.Key))
        {
            if (left == 0)
            {
                break;
            }

            var size = tied.Count();
            var taken = Math.Min(left, size);
            bad += (double)taken * tied.Count(c => c.Bad) / size;
            lines += (double)taken * tied.Key;
            left -= taken;
        }

        return (bad, lines);
    }

    private static double? Ratio(double part, double whole) => whole == 0 ? null : Math.Round(part / whole, 4);
}
