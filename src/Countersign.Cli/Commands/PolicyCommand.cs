using Countersign.Engine.Enforcement;
using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Schema;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign policy validate | test | schema</c>: the policy is code — check it compiles against the org
/// directory, run its fixtures, print the JSON Schema editors use.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string>("--policy") { Description = "The policy file (default: .countersign/policy.yaml in the working tree)", DefaultValueFactory = _ => PolicyFile.DefaultPath };
        var org = new Option<string>("--org") { Description = "The org directory (default: .countersign/org.yaml in the working tree, if present)", DefaultValueFactory = _ => WorkingTreeFiles.OrgPath };
        var json = new Option<bool>("--json") { Description = "Print diagnostics as JSON" };
        var validate = new Command("validate", "Check a policy file: syntax, keys, types, levels, teams and people against the org directory") { file, org, json };
        validate.SetAction(parse => Validate(context, parse.GetValue(file)!, parse.GetValue(org)!, parse.GetValue(json)));

        var fixtures = new Argument<string[]>("fixtures") { Description = "Fixture files or folders (default: .countersign/policy-tests/)", Arity = ArgumentArity.ZeroOrMore };
        var test = new Command("test", "Run the policy's test fixtures: change facts and sign-offs in, expected statuses out") { fixtures, file, org, json };
        test.SetAction(parse => PolicyTestCommand.Run(context, parse.GetValue(fixtures) ?? [], parse.GetValue(file)!, parse.GetValue(org)!, parse.GetValue(json)));

        var schema = new Command("schema", "Print the policy file's JSON Schema (draft 2020-12)");
        schema.SetAction(_ =>
        {
            context.Stdout.Write(PolicySchema.Generate());
            return ExitCodes.Success;
        });
        return new Command("policy", "Validate, test and describe the sign-off policy") { validate, test, schema };
    }

    internal static int Validate(CliContext context, string policyPath, string orgPath, bool json)
    {
        var full = Path.GetFullPath(policyPath, context.WorkingDirectory);
        if (!File.Exists(full))
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"policy file not found: {policyPath} (run 'countersign init' to write the default policy)");
        }

        // Every trusted file of the working tree, then the policy compiled against its directory (or --org's).
        var trusted = TrustedFilesCheck.Run(context.WorkingDirectory);
        var diagnostics = trusted.Diagnostics.ToList();
        var directory = trusted.Configuration.Directory;
        if (orgPath != WorkingTreeFiles.OrgPath)
        {
            directory = WorkingTreeFiles.LoadOrg(context, orgPath, out var orgDiagnostics);
            diagnostics.RemoveAll(TrustedFilesCheck.IsDirectoryFile);
            diagnostics.InsertRange(0, orgDiagnostics);
        }

        var extended = new List<string>();
        var compiled = PolicyFile.LoadFromDisk(full, policyPath, directory, extended);
        diagnostics.InsertRange(0, compiled.Diagnostics);
        var files = new[] { policyPath }.Concat(extended).Concat(orgPath != WorkingTreeFiles.OrgPath ? [orgPath] : []).Concat(trusted.Checked).Distinct(StringComparer.Ordinal).ToList();
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count - errors;
        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(new
            {
                valid = errors == 0,
                files,
                errors,
                warnings,
                rules = compiled.Policy?.Rules.Select(r => new { name = r.Name, mode = r.Mode, position = r.Position.ToString() }),
                freezes = compiled.Policy?.Freezes.Select(f => f.Name),
                diagnostics = diagnostics.Select(d => new { severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning", source = d.Source, line = d.Line, column = d.Column, field = d.Field, message = d.Message, text = d.ToString() }),
            }, CliJson.Indented));
        }
        else
        {
            foreach (var d in diagnostics)
            {
                context.Note($"{d}");
            }

            if (compiled.Policy is { } policy && errors == 0)
            {
                context.Line($"[green]✔[/] {UntrustedMarkup.Escape(policyPath)} is valid: {policy.Rules.Count} rule(s) ({string.Join(", ", policy.Rules.Select(r => UntrustedMarkup.Escape(r.Name)))}), {policy.Freezes.Count} freeze window(s), break-glass {(policy.BreakGlass is null ? "not allowed" : "allowed")}; protects {UntrustedMarkup.Escape(string.Join(", ", policy.ProtectedBranches))}.");
                context.Line($"  checked {files.Count} trusted file(s): {UntrustedMarkup.Escape(string.Join(", ", files.Take(12)))}{(files.Count > 12 ? $" and {files.Count - 12} more" : "")}{(warnings > 0 ? $"; {warnings} warning(s) above" : "")}");
            }
            else
            {
                context.Fail(ExitCodes.UsageOrConfig, $"{errors} error(s) in {string.Join(", ", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Source).Distinct(StringComparer.Ordinal))}");
            }
        }

        return errors == 0 ? ExitCodes.Success : ExitCodes.UsageOrConfig;
    }
}
