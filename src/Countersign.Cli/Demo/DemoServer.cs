using Countersign.Engine.Enforcement;
using System.Text;
using Countersign.Engine.Changes;
using Countersign.Cli.Commands;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Core.SignOffs;
using Countersign.Git;
using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Countersign.Demo;
using Spectre.Console;

namespace Countersign.Cli.Demo;

/// <summary>
/// The demo's last act: <c>countersign serve</c> on a fresh SQLite file beside the workspace, loaded with the demo's
/// org directory and catalog, Tom's change with the same sign-offs the story gave it, and the latest changes that
/// landed on main (several still waiting for a senior), so the API (and its queue) has something true to show.
/// </summary>
internal static class DemoServer
{
    public const int LandedChanges = 40;

    /// <summary>The demo server's database: inside the workspace's git directory, beside the scan's, so nothing lands outside the workspace.</summary>
    public static string DatabasePath(string repositoryPath) =>
        Path.Combine(GitRepository.Open(repositoryPath).GitDirectory, "countersign", "server.db");

    public static async Task<int> RunAsync(CliContext outer, string repositoryPath, string urls, CancellationToken cancellation)
    {
        var context = outer.ForStory();
        var database = DatabasePath(repositoryPath);
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        context.Console.WriteLine();
        context.Console.Write(new Rule("[bold]The server[/]").LeftJustified());
        // Warnings and worse only, so the server's routine lines do not interleave with the story; the demo makes
        // its own admin token (printed below) instead of leaving a token file behind.
        var request = new ServeCommand.ServeRequest(urls, database, null, Path.Combine(repositoryPath, ".countersign", "org.yaml"), null, false, Server.ServerOptions.DefaultScimLevelAttribute)
        {
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            ProvisionAdminTokenFile = false,
        };
        var exit = await ServeCommand.RunAsync(context, request, (app, address) => LoadAsync(context, app, address, repositoryPath), cancellation);
        if (exit == ExitCodes.Infrastructure && urls != "http://127.0.0.1:0")
        {
            context.Note($"{urls} is not free; the demo server takes any free port instead");
            exit = await ServeCommand.RunAsync(context, request with { Urls = "http://127.0.0.1:0" }, (app, address) => LoadAsync(context, app, address, repositoryPath), cancellation);
        }

        return exit;
    }

    private static async Task LoadAsync(CliContext context, WebApplication app, string address, string repositoryPath)
    {
        var services = app.Services;
        var database = services.GetRequiredService<ServerDatabase>();
        var changes = services.GetRequiredService<ChangeService>();
        var signOffs = services.GetRequiredService<SignOffService>();
        var tokens = services.GetRequiredService<TokenStore>();
        var repository = GitRepository.Open(repositoryPath);
        var trusted = TrustedConfiguration.Load(repository, "main");
        var (_, bundle) = PolicyFile.LoadWithBundle(repository, "main", null, trusted.Directory, repositoryPath);
        var main = repository.ResolveCommit("main");
        string catalog;
        using (var blobs = new GitBlobReader(repository.Path))
        {
            catalog = string.Join("\n---\n", repository.ListFiles(main).Where(p => p.EndsWith("catalog-info.yaml", StringComparison.Ordinal))
                .Select(path => blobs.TryRead($"{main}:{path}") is { } bytes ? Encoding.UTF8.GetString(bytes) : ""));
        }

        await DirectoryImport.CatalogAsync(database, context.Time.GetUtcNow(), catalog, "demo catalog-info.yaml files", "demo", CancellationToken.None);

        var repositoryName = "acme/demo-monorepo";
        var builder = new ChangeBuilder(repository);
        var landed = LandedChange.Between(repository, null, "main").TakeLast(LandedChanges);
        foreach (var change in landed)
        {
            var facts = builder.Build(new ChangeRequest(change.Base, change.Head, $"commit/{change.Commit}") { TargetBranch = "main" }, trusted).Change;
            (await changes.RegisterAsync(new ChangeRegistration(repositoryName, facts, bundle!, trusted.MailmapText), "demo", CancellationToken.None)).OrThrow();
        }

        var story = builder.Build(new ChangeRequest("main", DemoPolicyStory.Branch, $"branch/{DemoPolicyStory.Branch}") { TargetBranch = "main", SourceBranch = DemoPolicyStory.Branch }, trusted).Change;
        var view = (await changes.RegisterAsync(new ChangeRegistration(repositoryName, story, bundle!, trusted.MailmapText), "demo", CancellationToken.None)).OrThrow();
        foreach (var approver in DemoPolicyStory.Approvers)
        {
            var person = IdentityMatchSubject.Find(trusted.Directory, trusted.Resolver, approver.Handle, out _);
            if (person is not null)
            {
                view = (await signOffs.SignOffAsync(view.Id, new SignOffRequest(SignOffKind.Approve, view.PatchId, "reviewed the retry bounds"), person.Id, "demo", CancellationToken.None)).OrThrow().Change;
            }
        }

        var marcus = IdentityMatchSubject.Find(trusted.Directory, trusted.Resolver, DemoPeople.Marcus.Handle, out _)!;
        var ci = await tokens.CreateAsync(new TokenRequest("demo ci", Scopes.Ci, null, 7), "demo", null, null, CancellationToken.None);
        var reviewer = await tokens.CreateAsync(new TokenRequest("demo reviewer", Scopes.Reviewer, marcus.Id, 7), "demo", marcus.Id, null, CancellationToken.None);
        var admin = await tokens.CreateAsync(new TokenRequest("demo admin", Scopes.Admin, null, 7), "demo", null, null, CancellationToken.None);
        var queue = await changes.ListAsync(new QueueFilter(["pending", "rejected", "frozen"], null, null, null, 0, 1), CancellationToken.None);
        var waitingForMarcus = await changes.ListAsync(new QueueFilter(["pending", "rejected", "frozen"], null, marcus.Id, null, 0, 1), CancellationToken.None);

        var countersign = CliInvocation.Current(context.Environment);
        context.Line($"Loaded {LandedChanges + 1} changes into the server: {queue.Total} wait for sign-off, {waitingForMarcus.Total} of them for {UntrustedMarkup.Escape(marcus.Name)}; "
            + $"{UntrustedMarkup.Escape(DemoPolicyStory.Branch)} is {view.Status} with the story's two sign-offs (each with a signed attestation).");
        context.Line($"[bold]Open the dashboard as {UntrustedMarkup.Escape(marcus.Name)}:[/]");
        context.Command($"{address}/ui/login#token={reviewer.Secret}");
        context.Line("Demo tokens (valid 7 days, for this demo database only):");
        context.Command($"ci:       {ci.Secret}");
        context.Command($"reviewer: {reviewer.Secret}  (acts as {marcus.Name})");
        context.Command($"admin:    {admin.Secret}");
        context.Line("Try:");
        context.Command($"curl -s -H 'Authorization: Bearer {reviewer.Secret}' {address}/api/v1/queue");
        context.Command($"{countersign} check --repo {CliInvocation.ShellQuote(repositoryPath)} --base main --head {DemoPolicyStory.Branch} --server {address} --token {ci.Secret} --repository-name {repositoryName}");
        context.Command($"{countersign} audit verify --database {CliInvocation.ShellQuote(DatabasePath(repositoryPath))}");
        ConnectionSteps(context, countersign, CliInvocation.ShellQuote(DatabasePath(repositoryPath)));
        context.Line("Press Ctrl+C to stop the server.");
    }

    /// <summary>
    /// How to connect this server to a real GitHub App or GitLab project (docs/github.md and docs/gitlab.md walk through
    /// both): the prose wraps, the commands are whole lines to copy. YOUR-HOST is where GitHub or GitLab reach the server.
    /// </summary>
    internal static void ConnectionSteps(CliContext context, string countersign, string database)
    {
        context.Line("[bold]Connect it to a real GitHub App[/] (docs/github.md): give the server an address GitHub can reach (YOUR-HOST below: a public host or a tunnel), "
            + "create the App from the manifest in docs/github.md with its webhook at https://YOUR-HOST/api/v1/webhooks/github, download its private key as app.pem, "
            + "write the webhook secret you chose into webhook-secret.txt, install the App on a repository whose .countersign/org.yaml gives people their github: logins, and restart the server as the App:");
        context.Command($"{countersign} serve --database {database} --urls http://0.0.0.0:8080 --public-url https://YOUR-HOST --github-app-id APP_ID --github-private-key app.pem --github-webhook-secret-file webhook-secret.txt");
        context.Line("Open a pull request there: the check run countersign appears on its head, and the App's installation tokens fetch the server's mirror.");
        context.Line("[bold]Or to a GitLab project[/] (docs/gitlab.md): a project access token with the api and read_repository scopes, and a project webhook to https://YOUR-HOST/api/v1/webhooks/gitlab "
            + "for push and merge request events whose secret token is the one exported here:");
        context.Command("export COUNTERSIGN_GITLAB_TOKEN=glpat-YOUR-TOKEN COUNTERSIGN_GITLAB_WEBHOOK_TOKEN=\"$(openssl rand -hex 32)\"; echo \"$COUNTERSIGN_GITLAB_WEBHOOK_TOKEN\"");
        context.Command($"{countersign} serve --database {database} --urls http://0.0.0.0:8080 --public-url https://YOUR-HOST --gitlab-url https://gitlab.com");
        context.Line("Then register the project with the server (docs/gitlab.md, step 3): its merge requests get the commit status countersign.");
    }
}
