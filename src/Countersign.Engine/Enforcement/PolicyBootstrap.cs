using Countersign.Engine.Changes;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// First set-up under the pre-receive hook. A branch that has no <c>.countersign/policy.yaml</c> at all has nothing to
/// judge a push by, so the hook fails closed — which would refuse the very push that adds the policy. The one way out:
/// a push to a branch with no policy (or the first branch of an empty repository) is accepted when the pushed tip
/// carries a policy that compiles without errors against the organisation directory pushed with it, and — on an
/// existing branch — the push changes nothing but trusted configuration, so no code slips in unjudged. A branch that
/// has a policy, even a broken one, never takes this path: a permissive policy cannot replace an existing one this way.
/// </summary>
public static class PolicyBootstrap
{
    /// <summary>Where a host records every bootstrap it accepts, under the git directory.</summary>
    public const string LogFile = "countersign/bootstrap.log";

    /// <summary>True when the commit has no committed policy file at all (a present but broken file is still a policy).</summary>
    public static bool HasNoPolicy(GitRepository repository, string commit) =>
        !repository.ObjectsExist([$"{commit}:{PolicyFile.DefaultPath}"])[0];

    /// <summary>
    /// Whether <paramref name="update"/> is a first set-up: it creates the first branch of an empty repository, or updates
    /// a branch whose old tip has no policy. Never with a policy file given on the command line.
    /// </summary>
    public static bool Applies(GitRepository repository, PushUpdate update, string? explicitPolicyPath) =>
        explicitPolicyPath is null && (update.IsCreate ? repository.IsEmpty() : !update.IsDelete && HasNoPolicy(repository, update.OldSha));

    /// <summary>Decides a first set-up push (<see cref="Applies"/>): accepted, or refused with the condition it fails.</summary>
    /// <exception cref="GitCommandException">Git failed.</exception>
    public static BootstrapVerdict Decide(GitRepository repository, PushUpdate update)
    {
        var pushed = TrustedPolicy.Load(repository, update.NewSha, null, repository.Path);
        if (pushed.Compiled.Policy is null && HasNoPolicy(repository, update.NewSha))
        {
            return new BootstrapVerdict(BootstrapReason.NoPolicyPushed, null, [], []);
        }

        if (pushed.Policy is not { } policy)
        {
            return new BootstrapVerdict(BootstrapReason.InvalidPolicy, null, pushed.Errors, []);
        }

        if (!update.IsCreate && NotConfiguration(repository, update) is { Count: > 0 } other)
        {
            return new BootstrapVerdict(BootstrapReason.ChangesMoreThanConfiguration, policy, [], other);
        }

        return new BootstrapVerdict(BootstrapReason.Accepted, policy, [], []);
    }

    /// <summary>True for a path whose content is Countersign's trusted configuration (what a first set-up may change).</summary>
    public static bool IsConfiguration(string path) =>
        path.StartsWith(".countersign/", StringComparison.Ordinal)
        || TrustedConfiguration.ConfigurationPaths.Contains(path, StringComparer.Ordinal)
        || path == "catalog-info.yaml" || path.EndsWith("/catalog-info.yaml", StringComparison.Ordinal);

    /// <summary>Files the push changes that are not trusted configuration.</summary>
    private static List<string> NotConfiguration(GitRepository repository, PushUpdate update) =>
        repository.DiffFiles(update.OldSha, update.NewSha)
            .SelectMany(f => f.OldPath is { } old && old != f.Path ? [old, f.Path] : new[] { f.Path })
            .Where(p => !IsConfiguration(p))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
