using Countersign.Engine.Enforcement;
using System.CommandLine;
using System.Text.Json;
using Countersign.Engine.Changes;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Deploys;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;
using Countersign.Git;
using Countersign.Storage;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign deploy-gate --service S --environment E --from RUNNING --to SHIPPING</c>: every change that lands
/// between what runs and what ships and affects the service must satisfy the policy (the sign-off given on the pull
/// request is found again by its patch identity), no freeze may apply; the decision is recorded.
/// </summary>
internal static class DeployGateCommand
{
    public static Command Create(CliContext context)
    {
        var repo = new Option<string>("--repo") { Description = "Repository (default: .)", DefaultValueFactory = _ => "." };
        var service = new Option<string>("--service") { Description = "The catalog component being deployed", Required = true };
        var environment = new Option<string>("--environment") { Description = "Where it is deployed (production, staging, …): freezes may name environments", Required = true };
        var from = new Option<string?>("--from") { Description = "The revision running now (omit for a first deploy: the whole history ships)" };
        var to = new Option<string>("--to") { Description = "The revision to deploy", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file to use instead of .countersign/policy.yaml committed at --to" };
        var db = new Option<string?>("--db") { Description = "Sign-off store (default: <git-dir>/countersign/countersign.db)" };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON" };
        var server = new ServerOptions();
        var command = new Command("deploy-gate", "Allow a deploy only when every change it ships is signed off and no freeze applies")
        {
            repo, service, environment, from, to, policy, db, json,
        };
        server.AddTo(command);
        command.SetAction(parse => Run(context, new DeployRequest(
            parse.GetValue(repo)!, parse.GetValue(service)!, parse.GetValue(environment)!, parse.GetValue(from), parse.GetValue(to)!,
            parse.GetValue(policy), parse.GetValue(db))
        {
            Remote = server.Read(parse),
            RepositoryName = parse.GetValue(server.RepositoryName),
        }, parse.GetValue(json)));
        return command;
    }

    internal sealed record DeployRequest(string Repo, string Service, string Environment, string? From, string To, string? Policy, string? Db)
    {
        public Remote.RemoteServer? Remote { get; init; }

        public string? RepositoryName { get; init; }
    }

    internal static int Run(CliContext context, DeployRequest request, bool json)
    {
        try
        {
            var repository = GitRepository.Open(Path.GetFullPath(request.Repo, context.WorkingDirectory));
            var to = repository.ResolveCommit(request.To);
            var from = request.From is null ? null : repository.ResolveCommit(request.From);
            var governing = TrustedPolicy.Load(repository, to, request.Policy, context.WorkingDirectory);
            var (trusted, bundle) = (governing.Trusted, governing.Bundle);
            if (governing.Policy is not { } policy)
            {
                return ConfigurationRefusal.Fail(context, governing.Errors, "nothing was decided");
            }

            foreach (var warning in trusted.Diagnostics.Concat(governing.Compiled.Diagnostics))
            {
                context.Note(warning.ToString());
            }

            if (DeployContents.Component(trusted, request.Service) is not { } component)
            {
                var known = string.Join(", ", DeployContents.Known(trusted));
                return context.Fail(ExitCodes.UsageOrConfig, $"unknown service '{UntrustedText.ForTerminal(request.Service)}': no catalog component has that name at {to[..10]} (known: {(known.Length == 0 ? "none" : known)})");
            }

            var now = context.Time.GetUtcNow();
            var shipped = DeployContents.Ships(repository, from, to, trusted, component);
            if (request.Remote is { } server)
            {
                var remote = new Contracts.DeployRequest(
                    Remote.RepositoryName.Of(repository, context.Environment, request.RepositoryName), component.Name, request.Environment, from, to, bundle!,
                    [.. shipped.Select(s => new Contracts.ShippedChange(s.Commit, s.Change))], trusted.MailmapText);
                return RunRemote(context, server, remote, shipped, policy, trusted, now, json);
            }

            using var signOffs = LocalStore.OpenRecord(context, ScanCommand.DatabasePath(context, repository, request.Db), repository);
            var decided = DeployGate.Decide(
                policy, shipped.Select(s => new DeployCandidate(s.Commit, s.Change, signOffs.ForChange(s.Change.Key, s.Change.PatchId))).ToList(), Target(trusted, request.Environment, now));
            var verdicts = decided.Changes;
            var allowed = decided.Allowed;
            var summary = JsonSerializer.Serialize(new
            {
                service = component.Name,
                environment = request.Environment,
                from,
                to,
                allowed,
                changes = verdicts.Select(v => new { commit = v.Commit, subject = v.Subject, status = v.Result.Status, summary = v.Result.Summary, patchId = v.Change.PatchId }),
            }, CliJson.Compact);
            var decision = signOffs.RecordDeployDecision(new Data.LocalDeployDecision(component.Name, request.Environment, from, to, allowed, summary, now));

            if (json)
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    decision,
                    allowed,
                    service = component.Name,
                    environment = request.Environment,
                    from,
                    to,
                    changes = verdicts.Select(v => PolicyResultJson.From(v.Result, v.Change)),
                }, CliJson.Indented));
            }
            else
            {
                Render(context, component.Name, request.Environment, verdicts, allowed, decision);
            }

            return allowed ? ExitCodes.Success : ExitCodes.NotSatisfied;
        }
        catch (GitCommandException e)
        {
            return context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
        }
        catch (StorageException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
    }

    /// <summary>
    /// The deploy decided by the server. When the server builds the repository's changes itself, only the deploy's
    /// repository, service, environment and two revisions are sent: the server reads what ships from its own mirror
    /// (the same <see cref="DeployContents"/> call) and refuses facts; any other repository's deploy is sent with the
    /// changes found here. The explanation printed is this clone's, with the server's sign-offs; the verdict is the server's.
    /// </summary>
    private static int RunRemote(
        CliContext context, Remote.RemoteServer server, Contracts.DeployRequest request, IReadOnlyList<(string Commit, Core.Changes.ChangeFacts Change)> shipped,
        Core.Policy.CompiledPolicy policy, TrustedConfiguration trusted, DateTimeOffset now, bool json)
    {
        using var client = new Remote.ServerClient(server, context.Environment);
        Contracts.DeployDecisionView decision;
        try
        {
            decision = client.BuildsItselfAsync(request.Repository).GetAwaiter().GetResult()
                ? client.DeployBuildAsync(new Contracts.DeployBuildRequest(request.Repository, request.Service, request.Environment, request.From, request.To)).GetAwaiter().GetResult()
                : client.DeployAsync(request).GetAwaiter().GetResult();
        }
        catch (Remote.ServerFailureException e)
        {
            return Remote.RemoteEnforcement.Failed(context, server, e);
        }
        catch (Remote.ServerRefusedException e)
        {
            return Remote.RemoteEnforcement.Refused(context, e);
        }

        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(decision, CliJson.Indented));
            return decision.Allowed ? ExitCodes.Success : ExitCodes.NotSatisfied;
        }

        // The server decided; the explanation comes from the same decision taken here with the server's sign-offs.
        var explained = DeployGate.Decide(policy, shipped.Select(s => new DeployCandidate(
            s.Commit, s.Change, decision.Changes.FirstOrDefault(c => c.Commit == s.Commit)?.SignOffs.Select(v => v.ToSignOff()).ToList() ?? [])).ToList(),
            Target(trusted, request.Environment, now));
        Render(context, request.Service, request.Environment, explained.Changes, decision.Allowed, decision.Id);
        context.Stdout.WriteLine($"Server: decision #{decision.Id} at {server.Url}"
            + (decision.BuiltBy == "server" ? " — what ships was read by the server from its mirror." : " — from the changes found here."));
        if (decision.Changes.Count != explained.Changes.Count)
        {
            context.Note($"the server found {decision.Changes.Count} change(s) shipping where this clone finds {explained.Changes.Count}: the server's decision counts");
        }

        return decision.Allowed ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    private static DeployTarget Target(TrustedConfiguration trusted, string environment, DateTimeOffset now) =>
        new(environment, trusted.Directory, trusted.Resolver, now) { DirectoryName = trusted.DirectorySource };

    private static void Render(CliContext context, string service, string environment, IReadOnlyList<DeployChangeVerdict> verdicts, bool allowed, long decision)
    {
        var console = context.Console;
        var verdict = allowed ? "[green]✔ deploy allowed[/]" : "[red]✘ deploy blocked[/]";
        var headline = $"{UntrustedMarkup.Escape(service)} to {UntrustedMarkup.Escape(environment)} — {verdicts.Count} change(s) affect the service, {verdicts.Count(v => !v.Result.Passed)} not satisfied (decision #{decision} recorded)";
        if (context.Interactive)
        {
            console.MarkupLine($"{verdict}: {headline}");
        }
        else
        {
            context.Stdout.WriteLine($"{(allowed ? "✔ deploy allowed" : "✘ deploy blocked")}: {Markup.Remove(headline)}");
        }
        if (verdicts.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("commit").AddColumn("status").AddColumn("change");
        foreach (var v in verdicts)
        {
            var colour = v.Result.Passed ? "green" : "red";
            table.AddRow(v.Commit[..10], $"[{colour}]{ResultExplainer.Word(v.Result.Status)}[/]", UntrustedMarkup.Escape(v.Subject));
        }

        console.Write(table);
        foreach (var v in verdicts.Where(v => !v.Result.Passed))
        {
            console.WriteLine();
            ResultConsoleRenderer.Render(context, ResultExplainer.Explain(v.Result, v.Change));
        }
    }
}
