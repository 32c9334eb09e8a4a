using System.CommandLine;
using Countersign.Cli.Demo;
using Countersign.Demo;
using Countersign.Cli.Output;
using Countersign.Git;
using Countersign.Storage;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign demo</c>: the front door. Builds the bundled demo monorepo (several services, months of
/// history, humans and seven AI tools with their real markers, reverts, false-positive traps), scans it
/// with the embedded SQLite default and shows the report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Option<string?>("--dir") { Description = "Where to create the demo workspace (default: ./countersign-demo)" };
        var json = new Option<bool>("--json") { Description = "Print the scan summary as JSON (and do not start the server)" };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after the report instead of starting the server with the demo loaded" };
        var urls = new Option<string>("--urls") { Description = "Where the demo server listens", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("demo", "Create a demo monorepo with human and AI-assisted history, scan it, show the report and serve it") { dir, json, noServe, urls };
        command.SetAction(async (parse, cancellation) =>
        {
            var exit = Run(context, parse.GetValue(dir), parse.GetValue(json), out var repository);
            return exit != ExitCodes.Success || parse.GetValue(json) || parse.GetValue(noServe) || repository is null
                ? exit
                : await DemoServer.RunAsync(context, repository, parse.GetValue(urls)!, cancellation);
        });
        return command;
    }

    internal static int Run(CliContext context, string? directory, bool json) => Run(context, directory, json, out _);

    internal static int Run(CliContext context, string? directory, bool json, out string? repositoryPath)
    {
        repositoryPath = null;
        var target = Path.GetFullPath(directory ?? "countersign-demo", context.WorkingDirectory);
        DemoWorkspaceInfo info;
        try
        {
            if (!json)
            {
                context.Console.MarkupLine($"Creating the demo workspace in [bold]{UntrustedMarkup.Escape(target)}[/] …");
            }

            info = DemoWorkspace.Create(target);
        }
        catch (DemoWorkspaceException e)
        {
            return context.Fail(ExitCodes.UsageOrConfig, e.Message);
        }

        var exit = ScanCommand.Run(context, new ScanCommand.ScanRequest(
            info.RepositoryPath, [], All: true, Since: null, Database: null, json, CommitsOut: null,
            AgentTraces: [], Signatures: null, Rescan: true, NoProgress: false));
        repositoryPath = info.RepositoryPath;
        if (exit == ExitCodes.Success && !json)
        {
            var repository = GitRepository.Open(info.RepositoryPath);
            using (var store = ScanStore.Open(ScanCommand.DefaultDatabasePath(repository)))
            {
                var repoId = store.Repository(repository.Path, repository.Kind.ToString());
                DemoVerdictsRenderer.Render(context.Console, info, store.ReadCommits(repoId));
            }

            DemoImpactRenderer.Render(context.Console, repository, 6);
            DemoPolicyRenderer.Render(context, info.RepositoryPath);

            TryNext(context, info.RepositoryPath);
        }

        return exit;
    }

    /// <summary>Commands to paste next: whole lines whatever the width, run the way this countersign was run.</summary>
    private static void TryNext(CliContext context, string repositoryPath)
    {
        var countersign = CliInvocation.Current(context.Environment);
        var repo = CliInvocation.ShellQuote(repositoryPath);
        context.Console.WriteLine();
        context.Console.MarkupLine("[bold]Try next[/]");
        context.Command($"git -C {repo} log --format='%h %an: %s' -15");
        context.Command($"{countersign} scan {repo} --commits-out commits.jsonl");
        context.Command($"{countersign} impact --repo {repo} --base HEAD~3 --head HEAD");
        context.Command($"{countersign} check --repo {repo} --base main --head {DemoPolicyStory.Branch} --format markdown");
        context.Command($"{countersign} backtest --repo {repo} --since 6m");
    }
}
