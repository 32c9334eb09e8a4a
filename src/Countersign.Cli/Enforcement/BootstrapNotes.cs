using System.Text.Json;
using Countersign.Core.Policy;
using Countersign.Engine.Enforcement;
using Countersign.Git;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// The hook's side of a first set-up (<see cref="PolicyBootstrap"/> decides): each verdict's reason on stderr, and
/// every accepted bootstrap appended to <c>&lt;git-dir&gt;/countersign/bootstrap.log</c> with who pushed it.
/// </summary>
internal static class BootstrapNotes
{
    /// <summary>Decides the push, says why, records an acceptance: 0 accepts, 1 refuses.</summary>
    /// <exception cref="GitCommandException">Git failed.</exception>
    public static int Judge(CliContext context, GitRepository repository, PushUpdate update)
    {
        var branch = update.Branch!;
        var verdict = PolicyBootstrap.Decide(repository, update);
        switch (verdict.Reason)
        {
            case BootstrapReason.NoPolicyPushed:
                context.Note($"{branch} has no policy yet, so the only push it accepts is one that adds a valid {PolicyFile.DefaultPath} "
                    + "(with .countersign/org.yaml); run 'countersign init', commit .countersign/ alone and push that first (first set-up: docs/cli.md).");
                return ExitCodes.NotSatisfied;
            case BootstrapReason.InvalidPolicy:
                foreach (var error in verdict.Errors)
                {
                    context.Note(error.ToString());
                }

                context.Note($"{branch} has no policy yet and the pushed one is not valid: {ConfigurationRefusal.Describe(verdict.Errors, "the push is refused")}");
                return ExitCodes.NotSatisfied;
            case BootstrapReason.ChangesMoreThanConfiguration:
                var other = verdict.OtherFiles;
                context.Note($"{branch} has no policy yet: the push that adds it may change only Countersign's trusted configuration "
                    + $"(.countersign/, CODEOWNERS, .mailmap, catalog-info.yaml), and this one also changes {string.Join(", ", other.Take(5))}{(other.Count > 5 ? $" and {other.Count - 5} more" : "")}. "
                    + "Push the configuration alone first; later pushes are judged by it.");
                return ExitCodes.NotSatisfied;
        }

        var policy = verdict.Policy!;
        Record(context, repository, update, policy);
        context.Note($"bootstrap: {branch} had no policy; {update.NewSha[..10]} adds {PolicyFile.DefaultPath} ({policy.Rules.Count} rule(s), protects {string.Join(", ", policy.ProtectedBranches)}). "
            + $"Accepted and recorded in {PolicyBootstrap.LogFile}; from now on pushes are judged by this policy.");
        return ExitCodes.Success;
    }

    private static void Record(CliContext context, GitRepository repository, PushUpdate update, CompiledPolicy policy)
    {
        var path = Path.Combine(repository.GitDirectory, PolicyBootstrap.LogFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pusher = context.Environment("GL_USERNAME") ?? context.Environment("GL_USER") ?? context.Environment("REMOTE_USER") ?? context.Environment("USER");
        var entry = JsonSerializer.Serialize(new
        {
            at = context.Time.GetUtcNow(),
            @ref = update.RefName,
            old = update.OldSha,
            @new = update.NewSha,
            pusher,
            rules = policy.Rules.Select(r => r.Name),
            protectedBranches = policy.ProtectedBranches.Select(b => b.ToString()),
        });
        File.AppendAllText(path, entry + "\n");
    }
}
