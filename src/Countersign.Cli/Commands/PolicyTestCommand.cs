using Countersign.Engine.Enforcement;
using System.Text.Json;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy.Testing;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary><c>countersign policy test</c>: runs the policy's fixtures (docs/policy-testing.md); exit 0 all pass, 1 some fail, 2 bad input.</summary>
internal static class PolicyTestCommand
{
    public const string DefaultFolder = ".countersign/policy-tests";

    internal static int Run(CliContext context, IReadOnlyList<string> paths, string policyPath, string orgPath, bool json)
    {
        var org = WorkingTreeFiles.LoadOrg(context, orgPath, out var orgDiagnostics);
        var fullPolicy = Path.GetFullPath(policyPath, context.WorkingDirectory);
        if (!File.Exists(fullPolicy))
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"policy file not found: {policyPath}");
        }

        var compiled = PolicyFile.LoadFromDisk(fullPolicy, policyPath, org);
        var files = FixtureFiles(context, paths.Count == 0 ? [DefaultFolder] : paths, out var missing);
        var diagnostics = orgDiagnostics.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        diagnostics.AddRange(missing.Select(m => Diagnostic.Error(m, "no such fixture file or folder")));
        var cases = new List<PolicyTestCase>();
        foreach (var (full, display) in files)
        {
            var (read, problems) = PolicyFixtureReader.Read(File.ReadAllText(full), display, org, context.Time.GetUtcNow());
            cases.AddRange(read);
            diagnostics.AddRange(problems);
        }

        if (diagnostics.Count > 0 || compiled.Policy is null)
        {
            diagnostics.ForEach(d => context.Note($"{d}"));
            return context.Fail(ExitCodes.UsageOrConfig, "the policy or its fixtures are invalid; no test ran");
        }

        if (cases.Count == 0)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"no test cases found (looked in {string.Join(", ", paths.Count == 0 ? [DefaultFolder] : paths)})");
        }

        var outcomes = PolicyTestRunner.Run(compiled.Policy, cases, org);
        var failed = outcomes.Count(o => !o.Passed);
        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(new { passed = outcomes.Count - failed, failed, cases = outcomes }, CliJson.Indented));
        }
        else
        {
            foreach (var outcome in outcomes)
            {
                context.Line($"{(outcome.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")} {UntrustedMarkup.Escape(outcome.Name)} [grey]({UntrustedMarkup.Escape(outcome.Source)})[/]");
                foreach (var difference in outcome.Differences)
                {
                    context.Line($"     {UntrustedMarkup.Escape(difference)}");
                }
            }

            context.Line($"{outcomes.Count - failed} passed, {failed} failed");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    private static List<(string Full, string Display)> FixtureFiles(CliContext context, IReadOnlyList<string> paths, out List<string> missing)
    {
        missing = [];
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, context.WorkingDirectory);
            if (Directory.Exists(full))
            {
                files.AddRange(Directory.EnumerateFiles(full, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(f => (f, Path.GetRelativePath(context.WorkingDirectory, f))));
            }
            else if (File.Exists(full))
            {
                files.Add((full, path));
            }
            else
            {
                missing.Add(path);
            }
        }

        return files;
    }
}
