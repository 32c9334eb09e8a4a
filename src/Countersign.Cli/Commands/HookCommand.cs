using Countersign.Engine.Enforcement;
using System.CommandLine;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;
using Countersign.Git;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign hook pre-receive</c> (run by git on the server for every push) and <c>countersign hook install</c>.
/// Each pushed update of a protected branch is a change from the old tip to the new one, evaluated with the policy
/// committed at the old tip; one that is not satisfied rejects the whole push with the same explanation
/// <c>check</c> prints. Errors reject too (fail closed) unless <c>--fail-open</c> is given.
/// </summary>
internal static class HookCommand
{
    public static Command Create(CliContext context)
    {
        var repo = new Option<string>("--repo") { Description = "The repository receiving the push (default: . — git runs hooks in the repository)", DefaultValueFactory = _ => "." };
        var policy = new Option<string?>("--policy") { Description = "Policy file to use instead of .countersign/policy.yaml on the branch being updated" };
        var db = new Option<string?>("--db") { Description = "Sign-off store (default: <git-dir>/countersign/countersign.db)" };
        var failOpen = new Option<bool>("--fail-open") { Description = "Accept the push when Countersign itself fails (git, database or server unreachable); rejections by the policy still reject" };
        var server = new Option<string?>("--server") { Description = "Decide with the sign-offs on this Countersign server (token in $COUNTERSIGN_TOKEN: a ci token)" };
        var repositoryName = new Option<string?>("--repository-name") { Description = "The repository's name on the server (default: origin's owner/name, else the folder's name)" };
        var preReceive = new Command("pre-receive", "Evaluate pushes to protected branches; reads '<old> <new> <ref>' lines on stdin") { repo, policy, db, failOpen, server, repositoryName };
        preReceive.SetAction(parse =>
        {
            Remote.RemoteServer? remote = null;
            if (parse.GetValue(server) is { Length: > 0 } url)
            {
                if (ServerOptions.ParseUrl(url) is not { } uri)
                {
                    return context.Fail(ExitCodes.UsageOrConfig, $"--server: '{url}' is not an http(s) URL");
                }

                remote = new Remote.RemoteServer(uri, null, parse.GetValue(failOpen));
            }

            return PreReceive(context, context.Stdin, parse.GetValue(repo)!, parse.GetValue(policy), parse.GetValue(db), parse.GetValue(failOpen), remote, parse.GetValue(repositoryName));
        });

        var target = new Option<string>("--repo") { Description = "The (bare) repository to protect (default: .)", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Replace an existing pre-receive hook" };
        var installServer = new Option<string?>("--server") { Description = "Make the hook decide with the sign-offs on this Countersign server (the git server's environment provides $COUNTERSIGN_TOKEN)" };
        var installName = new Option<string?>("--repository-name") { Description = "The repository's name on the server, written into the hook (default: worked out at each push)" };
        var install = new Command("install", "Install 'countersign hook pre-receive' as the repository's pre-receive hook") { target, force, installServer, installName };
        install.SetAction(parse => Install(context, parse.GetValue(target)!, parse.GetValue(force), parse.GetValue(installServer), parse.GetValue(installName)));
        return new Command("hook", "Git server hooks") { preReceive, install };
    }

    internal static int PreReceive(CliContext context, TextReader input, string repoPath, string? policyPath, string? dbPath, bool failOpen, Remote.RemoteServer? server = null, string? repositoryName = null)
    {
        var rejected = 0;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (PushUpdate.Parse(line, out var error) is not { } update)
            {
                context.Note($"error: {error}");
                return failOpen ? ExitCodes.Success : ExitCodes.UsageOrConfig;
            }

            var verdict = Judge(context, update, repoPath, policyPath, dbPath, failOpen, server, repositoryName);
            rejected += verdict == ExitCodes.Success ? 0 : 1;
            if (verdict is ExitCodes.UsageOrConfig or ExitCodes.Infrastructure)
            {
                return verdict;
            }
        }

        if (rejected > 0)
        {
            context.Note($"push rejected: {rejected} protected branch update(s) not signed off (see above).");
            return ExitCodes.NotSatisfied;
        }

        return ExitCodes.Success;
    }

    private static int Judge(CliContext context, PushUpdate update, string repoPath, string? policyPath, string? dbPath, bool failOpen, Remote.RemoteServer? server, string? repositoryName)
    {
        if (update.Branch is not { } branch)
        {
            return ExitCodes.Success;
        }

        GitRepository repository;
        try
        {
            repository = GitRepository.Open(Path.GetFullPath(repoPath, context.WorkingDirectory));
        }
        catch (GitCommandException e)
        {
            context.Note($"error: {e.Message}");
            return failOpen ? ExitCodes.Success : ExitCodes.Infrastructure;
        }

        // First set-up: a branch with no policy at all (or the first branch of an empty repository) takes only a push
        // that adds a valid one. A branch that has a policy, even a broken one, never comes here.
        try
        {
            if (PolicyBootstrap.Applies(repository, update, policyPath))
            {
                return BootstrapNotes.Judge(context, repository, update);
            }
        }
        catch (GitCommandException e)
        {
            context.Stderr.WriteLine($"countersign: error: {e.Message}");
            return failOpen ? ExitCodes.Success : ExitCodes.Infrastructure;
        }

        if (update.IsCreate || update.IsDelete)
        {
            BranchLifecycleVerdict verdict;
            try
            {
                verdict = BranchLifecycle.Decide(repository, update, policyPath, context.WorkingDirectory);
            }
            catch (GitCommandException e)
            {
                context.Note($"error: {e.Message}");
                return failOpen ? ExitCodes.Success : ExitCodes.Infrastructure;
            }

            switch (verdict)
            {
                case BranchLifecycleVerdict.ProtectedDeletion:
                    context.Note($"{branch} is protected: deleting it is not allowed.");
                    return ExitCodes.NotSatisfied;
                case BranchLifecycleVerdict.ProtectedCreationWithNewWork:
                    context.Note($"{branch} is protected: create it from commits already on a branch, then push changes to it for sign-off.");
                    return ExitCodes.NotSatisfied;
                default:
                    return ExitCodes.Success;
            }
        }

        var request = new EnforcementRequest(repository.Path, update.OldSha, update.NewSha, null, branch, null, [], null, policyPath, dbPath)
        {
            Remote = server,
            RepositoryName = repositoryName,
        };
        // Whether the branch is protected is known from the policy alone: unprotected pushes never pay for building the change.
        using var session = ChangeSession.Open(context, request, out var failure, onlyWhenProtected: true, repository);
        if (session is null)
        {
            return failOpen && failure == ExitCodes.Infrastructure ? ExitCodes.Success : failure;
        }

        if (server is not null)
        {
            return HookOnServer.Judge(context, session, request, server, update);
        }

        var result = session.Evaluate(context.Time.GetUtcNow());
        context.Stderr.Write(ResultConsoleRenderer.Plain(ResultExplainer.Explain(result, session.Change)));
        return result.Status == OverallStatus.Satisfied ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    internal static int Install(CliContext context, string repoPath, bool force, string? server = null, string? repositoryName = null)
    {
        if (server is not null && ServerOptions.ParseUrl(server) is null)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"--server: '{server}' is not an http(s) URL");
        }

        if (repositoryName is not null && (server is null || repositoryName.Length == 0 || repositoryName.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            return context.Fail(ExitCodes.UsageOrConfig, "--repository-name: needs --server, and a name without spaces (owner/repo)");
        }

        GitRepository repository;
        try
        {
            repository = GitRepository.Open(Path.GetFullPath(repoPath, context.WorkingDirectory));
        }
        catch (GitCommandException e)
        {
            return context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
        }

        var hooks = Path.Combine(repository.GitDirectory, "hooks");
        var hook = Path.Combine(hooks, "pre-receive");
        if (File.Exists(hook) && !force)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"{hook} exists; pass --force to replace it");
        }

        Directory.CreateDirectory(hooks);
        File.WriteAllText(hook, HookScript(Invocation(), server, repositoryName));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        context.Stdout.WriteLine($"Installed {hook}; pushes to the branches in the policy's protected_branches now need their sign-offs.");
        WarnAboutFirstSetUp(context, repository);
        return ExitCodes.Success;
    }

    /// <summary>Says what the hook will accept when the default branch has no policy yet (see <see cref="PolicyBootstrap"/>).</summary>
    private static void WarnAboutFirstSetUp(CliContext context, GitRepository repository)
    {
        if (repository.IsEmpty())
        {
            context.Stderr.WriteLine($"countersign: warning: the repository is empty: its first push must carry a valid {PolicyFile.DefaultPath} (run 'countersign init' in a clone, commit .countersign/, push).");
            return;
        }

        var head = repository.FullRefName("HEAD") is { } full && full.StartsWith("refs/heads/", StringComparison.Ordinal) ? full["refs/heads/".Length..] : "HEAD";
        string tip;
        try
        {
            tip = repository.ResolveCommit("HEAD");
        }
        catch (GitCommandException)
        {
            return;
        }

        if (PolicyBootstrap.HasNoPolicy(repository, tip))
        {
            context.Stderr.WriteLine($"countersign: warning: {head} has no {PolicyFile.DefaultPath} yet, so the hook judges nothing there but accepts only the push that adds a valid policy, "
                + "changing nothing but .countersign/, CODEOWNERS, .mailmap and catalog-info.yaml files (run 'countersign init' in a clone, commit .countersign/ alone, push). "
                + $"Each such first set-up is recorded in {PolicyBootstrap.LogFile}.");
        }
    }

    /// <summary>The pre-receive script: runs this very executable (or <c>dotnet countersign.dll</c> when run that way).</summary>
    internal static string HookScript(string invocation, string? server = null, string? repositoryName = null) =>
        $"#!/bin/sh\n# Installed by 'countersign hook install': enforce the sign-off policy on pushes.\nexec {invocation} hook pre-receive"
        + (server is null ? "" : " --server " + Quote(server)) + (repositoryName is null ? "" : " --repository-name " + Quote(repositoryName)) + "\n";

    /// <summary>
    /// How the hook starts Countersign: this executable when it is the countersign app host, else the app host next to
    /// this assembly, else <c>dotnet countersign.dll</c>.
    /// </summary>
    internal static string Invocation()
    {
        var process = Environment.ProcessPath ?? "countersign";
        if (Path.GetFileNameWithoutExtension(process) == "countersign")
        {
            return Quote(process);
        }

        var assembly = typeof(HookCommand).Assembly.Location;
        var host = Path.Combine(Path.GetDirectoryName(assembly) ?? ".", OperatingSystem.IsWindows() ? "countersign.exe" : "countersign");
        if (File.Exists(host))
        {
            return Quote(host);
        }

        return $"{Quote(process)} {Quote(assembly)}";
    }

    internal static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
