namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Decides which freeze windows hold the change: in the window now, on a listed branch (an unknown target branch
/// counts as listed: fail closed), touching or reaching a listed service, deploying to a listed environment — each
/// list only when given — and not excepted.
/// </summary>
internal static class FreezeEvaluator
{
    public static IReadOnlyList<FreezeResult> Evaluate(CompiledPolicy policy, EvaluationContext context) =>
        policy.Freezes.Select(f => Evaluate(f, context)).ToList();

    private static FreezeResult Evaluate(FreezeWindow freeze, EvaluationContext context)
    {
        var change = context.Change;
        var label = $"{freeze.Window}{(freeze.Reason is { Length: > 0 } r ? $" — {r}" : "")}";
        if (!freeze.Window.Contains(context.Now))
        {
            return new(freeze.Name, false, false, $"not in force now ({label})", freeze.Position);
        }

        if (freeze.Branches is { Count: > 0 } branches && change.TargetBranch is { } target && !branches.Any(b => b.IsMatch(target)))
        {
            return new(freeze.Name, false, false, $"in force, but not for branch {target}", freeze.Position);
        }

        if (freeze.Services is { Count: > 0 } services)
        {
            var names = change.BlastRadius.Touched.Select(t => (t.Ref, t.Name)).Concat(change.BlastRadius.Reached.Select(x => (x.Ref, x.Name)));
            var hit = names.FirstOrDefault(n => services.Any(s => string.Equals(s, n.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(s, n.Ref, StringComparison.OrdinalIgnoreCase)));
            if (hit == default)
            {
                return new(freeze.Name, false, false, $"in force, but the change affects none of {string.Join(", ", services)}", freeze.Position);
            }
        }

        if (freeze.Environments is { Count: > 0 } environments &&
            (context.Environment is not { } environment || !environments.Contains(environment, StringComparer.OrdinalIgnoreCase)))
        {
            return new(freeze.Name, false, false, $"in force for deploys to {string.Join(", ", environments)} only", freeze.Position);
        }

        if (freeze.Except?.Evaluate(context) is { Matched: true } exception)
        {
            return new(freeze.Name, true, true, $"in force ({label}), but excepted: {exception.Explanation}", freeze.Position);
        }

        return new(freeze.Name, true, false, $"in force: {label}", freeze.Position);
    }
}
