using Countersign.Core.Policy.Conditions;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Decides which freeze windows hold the change. A freeze holds when all of these are true:
/// <list type="bullet">
/// <item>its window contains the evaluation time;</item>
/// <item><c>branches</c>, when given, match the target branch (an unknown target branch counts as matching: fail closed);</item>
/// <item><c>services</c>, when given, name a touched or reached component (by name or catalog ref);</item>
/// <item><c>environments</c>, when given, name the environment being deployed to — so a freeze that names
/// environments only ever holds at the deploy gate, never a merge or a push;</item>
/// <item>its <c>except</c> condition does not hold (then it is reported as excepted, with why).</item>
/// </list>
/// </summary>
internal static class FreezeEvaluator
{
    public static IReadOnlyList<FreezeResult> Evaluate(CompiledPolicy policy, EvaluationContext context)
    {
        var results = new List<FreezeResult>(policy.Freezes.Count);
        foreach (var freeze in policy.Freezes)
        {
            results.Add(Evaluate(freeze, context));
        }

        return results;
    }

    private static FreezeResult Evaluate(FreezeWindow freeze, EvaluationContext context)
    {
        var change = context.Change;
        var label = $"{freeze.Window}{(freeze.Reason is { Length: > 0 } r ? $" — {r}" : "")}";
        if (!freeze.Window.Contains(context.Now))
        {
            return new(freeze.Name, false, false, $"not in force now ({label})", freeze.Position);
        }

        var scope = new List<string>();
        if (freeze.Branches is { Count: > 0 } branches)
        {
            if (change.TargetBranch is { } target && !branches.Any(b => b.IsMatch(target)))
            {
                return new(freeze.Name, false, false, $"in force, but not for branch {target}", freeze.Position);
            }

            scope.Add(change.TargetBranch is { } known ? $"branch {known}" : "an unknown target branch");
        }

        if (freeze.Services is { Count: > 0 } services)
        {
            var hit = change.BlastRadius.Touched.Select(t => (t.Ref, t.Name, Touched: true))
                .Concat(change.BlastRadius.Reached.Select(x => (x.Ref, x.Name, Touched: false)))
                .FirstOrDefault(c => services.Any(s => ComponentsCondition.IsNamed(s, c.Ref, c.Name)));
            if (hit.Ref is null)
            {
                return new(freeze.Name, false, false, $"in force, but the change affects none of {string.Join(", ", services)}", freeze.Position);
            }

            scope.Add($"{(hit.Touched ? "touches" : "reaches")} {hit.Name}");
        }

        if (freeze.Environments is { Count: > 0 } environments)
        {
            if (context.Environment is not { } environment || !environments.Contains(environment, StringComparer.OrdinalIgnoreCase))
            {
                return new(freeze.Name, false, false, $"in force for deploys to {string.Join(", ", environments)} only", freeze.Position);
            }

            scope.Add($"deploy to {environment}");
        }

        var where = scope.Count == 0 ? "" : $" ({string.Join(", ", scope)})";
        if (freeze.Except?.Evaluate(context) is { Matched: true } exception)
        {
            return new(freeze.Name, true, true, $"in force{where}: {label}; excepted: {exception.Explanation}", freeze.Position);
        }

        return new(freeze.Name, true, false, $"in force{where}: {label}", freeze.Position);
    }
}
