using System.Text.RegularExpressions;
using Countersign.Engine.Changes;
using Countersign.Core.History;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Backtesting;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Git;

namespace Countersign.Engine.Backtesting;

/// <summary>
/// Replays the changes that landed on a branch through a policy. A change is a commit on the branch's first-parent
/// line: a merge is its second parent's side compared with the first parent (the branch's commits, not main's); a
/// squash or direct push is the commit itself. Each is built as <c>countersign check</c> would build it, with one
/// trusted configuration for all, and evaluated with no sign-offs at the moment it landed, so time windows and freezes
/// replay as they were. The root commit is not a change.
/// </summary>
public sealed partial class HistoryReplay(GitRepository repository, TrustedConfiguration trusted, CompiledPolicy policy)
{
    private readonly ChangeBuilder builder = new(repository);

    /// <summary>The oldest committer date among the commits replayed so far: later history is read from there on.</summary>
    public DateTimeOffset? OldestCommit { get; private set; }

    /// <summary>The first-parent commits of <paramref name="tip"/> that landed since <paramref name="since"/> (committer date), newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<CommitRecord> Landed(string tip, DateTimeOffset? since, int? limit)
    {
        IEnumerable<(string Sha, IReadOnlyList<string> Parents)> history = repository.FirstParentHistory(null, tip).Where(c => c.Parents.Count > 0);
        if (since is not null)
        {
            var recent = repository.ListCommits(new RevisionSelection([tip], Since: since)).ToHashSet(StringComparer.Ordinal);
            history = history.Where(c => recent.Contains(c.Sha));
        }

        var shas = history.Select(c => c.Sha).Take(limit ?? int.MaxValue).ToList();
        return new GitLogReader(repository).Read(shas).ToList();
    }

    /// <exception cref="GitCommandException">git failed reading the change.</exception>
    public BacktestChange Replay(CommitRecord landed, string? targetBranch)
    {
        var range = Enforcement.LandedChange.Of(landed.Sha, landed.Parents);
        var isMerge = range.IsMerge;
        var request = new ChangeRequest(range.Base, range.Head, $"commit/{landed.Sha}")
        {
            TargetBranch = targetBranch,
            SourceBranch = isMerge ? SourceBranchOf(landed.Subject) : null,
            Title = isMerge ? PullRequestTitle(landed.Message) : null,
            TrustRevision = trusted.Revision,
        };
        var change = builder.Build(request, trusted).Change;
        foreach (var when in change.Commits.Select(c => c.Committer.When).Append(landed.Committer.When))
        {
            if (OldestCommit is null || when < OldestCommit)
            {
                OldestCommit = when;
            }
        }

        var context = new EvaluationContext(change, trusted.Directory, trusted.Resolver, landed.Committer.When) { DirectoryName = trusted.DirectorySource };
        var result = PolicyEvaluator.Evaluate(policy, context, []);
        return BacktestChange.From(landed.Sha, isMerge, landed.Committer.When, Evidence.Bound(landed.Subject), change, result);
    }

    /// <summary>
    /// The commits reachable from <paramref name="tip"/> that may revert or fix a replayed change: all those committed
    /// since the oldest replayed commit (a day earlier, for clock skew), with their messages.
    /// </summary>
    public IEnumerable<(string Sha, string Message)> LaterCommits(string tip)
    {
        if (OldestCommit is not { } oldest)
        {
            return [];
        }

        var shas = repository.ListCommits(new RevisionSelection([tip], Since: oldest.AddDays(-1)));
        return new GitLogReader(repository).Read(shas).Select(c => (c.Sha, c.Message));
    }

    /// <summary>The branch a merge commit's subject names (git's, GitHub's and GitLab's wording), or null.</summary>
    public static string? SourceBranchOf(string subject)
    {
        if (PullRequestMerge().Match(subject) is { Success: true } pr)
        {
            return pr.Groups["branch"].Value;
        }

        return BranchMerge().Match(subject) is { Success: true } branch ? branch.Groups["branch"].Value : null;
    }

    /// <summary>GitHub's merge commits carry the pull request's title as the first line of the body.</summary>
    public static string? PullRequestTitle(string message)
    {
        if (!PullRequestMerge().IsMatch(message))
        {
            return null;
        }

        var body = message.Split('\n').Skip(1).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return body is null ? null : Evidence.Bound(body);
    }

    [GeneratedRegex(@"^Merge pull request #\d+ from [^/\s]+/(?<branch>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex PullRequestMerge();

    [GeneratedRegex(@"^Merge (?:remote-tracking )?branch '(?:origin/)?(?<branch>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BranchMerge();
}
