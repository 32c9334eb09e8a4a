using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Output;
using Countersign.Engine.Ownership;
using Countersign.Core.BlastRadius;
using Countersign.Core.Diagnostics;
using Countersign.Git;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign impact --base REV --head REV</c>: the blast radius of a change — components touched,
/// everything that depends on them, owners, special scopes, a score and a class, explained.
/// </summary>
internal static class ImpactCommand
{
    public static Command Create(CliContext context)
    {
        var repo = new Option<string>("--repo") { Description = "Repository (default: .)", DefaultValueFactory = _ => "." };
        var baseRev = new Option<string>("--base") { Description = "What the change goes into (e.g. main); the diff starts at the merge base", Required = true };
        var headRev = new Option<string>("--head") { Description = "The change's tip (default: HEAD)", DefaultValueFactory = _ => "HEAD" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (schema in docs/blast-radius.md)" };
        var command = new Command("impact", "Show how far a change can reach: components, dependents, owners, tiers, special scopes") { repo, baseRev, headRev, json };
        command.SetAction(parse => Run(context, parse.GetValue(repo)!, parse.GetValue(baseRev)!, parse.GetValue(headRev)!, parse.GetValue(json)));
        return command;
    }

    internal static int Run(CliContext context, string repoPath, string baseRevision, string headRevision, bool json)
    {
        try
        {
            var repository = GitRepository.Open(Path.GetFullPath(repoPath, context.WorkingDirectory));
            var files = repository.DiffFiles(baseRevision, headRevision);
            var ownership = RepositoryOwnership.Load(repository, headRevision);
            var result = new BlastRadiusCalculator().Compute(files, ownership.Graph, ownership.CodeownersOf);
            var errors = ownership.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var unowned = ownership.OwnedByNoOne(files.Select(f => f.Path));
            if (unowned.Count > 0 && !json)
            {
                context.Note($"warning: {unowned.Count} changed file(s) owned by no one in {ownership.Codeowners!.Source}: {string.Join(", ", unowned.Take(5))}{(unowned.Count > 5 ? ", …" : "")}");
            }

            // The host skips a CODEOWNERS line or catalog entity it cannot read and goes on; so does impact, naming it.
            foreach (var d in errors)
            {
                context.Note(d.SkippedAsItsHostDoes().ToString());
            }

            var warnings = ownership.Diagnostics.Count - errors.Count;
            if (warnings > 0 && !json)
            {
                context.Note($"{warnings} catalog/CODEOWNERS warning(s) (dangling references, unknown owners); --json lists them");
            }

            if (json)
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    @base = baseRevision,
                    head = headRevision,
                    files = files.Count,
                    catalogEntities = ownership.Catalog.Entities.Count,
                    codeowners = ownership.Codeowners?.Source,
                    diagnostics = ownership.Diagnostics.Select(d => d.SkippedAsItsHostDoes().ToString()),
                    ownedByNoOne = unowned,
                    result,
                }, CliJson.Indented));
            }
            else
            {
                ImpactRenderer.Render(context.Console, result, files.Count, ownership);
            }

            return ExitCodes.Success;
        }
        catch (GitCommandException e)
        {
            return context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
        }
    }
}
