using Countersign.Engine.Enforcement;
using System.Text.Json;
using Countersign.Engine.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy;
using Countersign.Git;


namespace Countersign.Cli.Enforcement;

/// <summary>
/// First set-up under the pre-receive hook. A branch that has no <c>.countersign/policy.yaml</c> at all has nothing to
/// judge a push by, so the hook fails closed — which would refuse the very push that adds the policy. The one way out:
/// a push to a branch with no policy (or the first branch of an empty repository) is accepted when the pushed tip
/// carries a policy that compiles without errors against the organisation directory pushed with it, and — on an
/// existing branch — the push changes nothing but trusted configuration, so no code slips in unjudged. A branch that
/// has a policy, even a broken one, never takes this path: a permissive policy cannot replace an existing one this way.
/// Every bootstrap is written to stderr and appended to <c>&lt;git-dir&gt;/countersign/bootstrap.log</c>.
/// </summary>
internal static class PolicyBootstrap
{
    public const string LogFile = "countersign/bootstrap.log";

    /// <summary>True when the commit has no committed policy file at all (a present but broken file is still a policy).</summary>
    public static bool HasNoPolicy(GitRepository repository, string commit) =>
        !repository.ObjectsExist([$"{commit}:{PolicyFile.DefaultPath}"])[0];

    /// <summary>
    /// Judges an update of <paramref name="update"/>'s branch, whose old tip has no policy (or a creation in an empty
    /// repository): 0 accepts, 1 refuses, each with its reason on stderr.
    /// </summary>
    public static int Judge(CliContext context, GitRepository repository, PushUpdate update)
    {
        var branch = update.Branch!;
        var trusted = TrustedConfiguration.Load(repository, update.NewSha);
        var compiled = PolicyFile.Load(repository, update.NewSha, null, trusted.Directory, context.WorkingDirectory);
        if (compiled.Policy is null && HasNoPolicy(repository, update.NewSha))
        {
            context.Note($"{branch} has no policy yet, so the only push it accepts is one that adds a valid {PolicyFile.DefaultPath} "
                + "(with .countersign/org.yaml); run 'countersign init', commit .countersign/ alone and push that first (first set-up: docs/cli.md).");
            return ExitCodes.NotSatisfied;
        }

        var errors = trusted.Diagnostics.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || compiled.Policy is not { } policy)
        {
            errors.ForEach(e => context.Note($"{e.ToString()}"));
            context.Note($"{branch} has no policy yet and the pushed one is not valid: {ConfigurationRefusal.Describe(errors, "the push is refused")}");
            return ExitCodes.NotSatisfied;
        }

        if (!update.IsCreate && NotConfiguration(repository, update) is { Count: > 0 } other)
        {
            context.Note($"{branch} has no policy yet: the push that adds it may change only Countersign's trusted configuration "
                + $"(.countersign/, CODEOWNERS, .mailmap, catalog-info.yaml), and this one also changes {string.Join(", ", other.Take(5))}{(other.Count > 5 ? $" and {other.Count - 5} more" : "")}. "
                + "Push the configuration alone first; later pushes are judged by it.");
            return ExitCodes.NotSatisfied;
        }

        Record(context, repository, update, policy);
        context.Note($"bootstrap: {branch} had no policy; {update.NewSha[..10]} adds {PolicyFile.DefaultPath} ({policy.Rules.Count} rule(s), protects {string.Join(", ", policy.ProtectedBranches)}). "
            + $"Accepted and recorded in {LogFile}; from now on pushes are judged by this policy.");
        return ExitCodes.Success;
    }

    /// <summary>Files the push changes that are not trusted configuration.</summary>
    private static List<string> NotConfiguration(GitRepository repository, PushUpdate update) =>
        repository.DiffFiles(update.OldSha, update.NewSha)
            .SelectMany(f => f.OldPath is { } old && old != f.Path ? [old, f.Path] : new[] { f.Path })
            .Where(p => !IsConfiguration(p))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    internal static bool IsConfiguration(string path) =>
        path.StartsWith(".countersign/", StringComparison.Ordinal)
        || TrustedConfiguration.ConfigurationPaths.Contains(path, StringComparer.Ordinal)
        || path == "catalog-info.yaml" || path.EndsWith("/catalog-info.yaml", StringComparison.Ordinal);

    private static void Record(CliContext context, GitRepository repository, PushUpdate update, CompiledPolicy policy)
    {
        var path = Path.Combine(repository.GitDirectory, LogFile);
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
