using Countersign.Core.Diagnostics;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// How a gate (check, approve, the hook, backtest, deploy-gate) refuses to decide on a configuration with errors: each
/// error with its file, line and column, then one line naming the files that are wrong — never a generic "the policy or
/// the organisation directory".
/// </summary>
internal static class ConfigurationRefusal
{
    /// <summary>Writes every error and the summary line to stderr, then returns exit code 2. The outcome says what did not happen ("nothing was evaluated").</summary>
    public static int Fail(CliContext context, IReadOnlyList<Diagnostic> errors, string outcome)
    {
        foreach (var error in errors)
        {
            context.Note(error.ToString());
        }

        return context.Fail(ExitCodes.UsageOrConfig, Describe(errors, outcome));
    }

    /// <summary>"invalid configuration in .countersign/org.yaml (2 errors); nothing was evaluated (…)".</summary>
    public static string Describe(IReadOnlyList<Diagnostic> errors, string outcome)
    {
        var files = errors.GroupBy(e => e.Source, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()} errors)")
            .ToList();
        var where = files.Count == 0 ? "the policy could not be compiled" : $"invalid configuration in {string.Join(", ", files)}";
        return $"{where}; {outcome} (fix the file{(files.Count == 1 ? "" : "s")} above on the target branch; 'countersign policy validate' checks every trusted file in a working tree)";
    }
}
