using Countersign.Engine.Scanning;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;
using Countersign.Core.Risk;
using Countersign.Git;

namespace Countersign.Engine.Changes;

/// <summary>
/// Describes one change for the policy (<see cref="ChangeFacts"/>) from a repository: its commits (those of the
/// head not in the base, oldest first) with their provenance and line attribution, its participants, the files and
/// patch identity of the diff from the merge base, ownership and blast radius, and the interim risk score.
/// Identities, signatures and ownership come from a <see cref="TrustedConfiguration"/>, never from the change.
/// </summary>
public sealed class ChangeBuilder(GitRepository repository)
{
    public const int MaxLabels = 100;

    /// <summary>Earlier commits are counted up to this many; the risk model saturates long before.</summary>
    public const int ExperienceLimit = 1000;

    /// <summary>Builds the change with the configuration at <see cref="ChangeRequest.TrustRevision"/> (by default the base).</summary>
    /// <exception cref="GitCommandException">A revision is unknown or the two share no history (bad input), or git failed.</exception>
    public ChangeBuild Build(ChangeRequest request) =>
        Build(request, TrustedConfiguration.Load(repository, request.TrustRevision ?? request.BaseRevision));

    /// <summary>Builds the change with configuration already loaded (several changes against one base).</summary>
    public ChangeBuild Build(ChangeRequest request, TrustedConfiguration trusted)
    {
        var baseTip = repository.ResolveCommit(request.BaseRevision);
        var head = repository.ResolveCommit(request.HeadRevision);
        var mergeBase = repository.MergeBase(baseTip, head);
        var diagnostics = new List<Diagnostic>(trusted.Diagnostics);

        var (commits, messages, participants) = ReadCommits(new RevisionSelection([$"{baseTip}..{head}"]), request, trusted, diagnostics);
        var files = repository.DiffCommits(mergeBase, head);
        var identity = repository.PatchIds(mergeBase, head);
        var ownership = trusted.Ownership;
        var blast = new BlastRadiusCalculator().Compute(files, ownership.Graph, ownership.CodeownersOf);
        diagnostics.AddRange(ConfigurationEdits(files, trusted));

        var change = new ChangeFacts
        {
            Key = request.Key,
            BaseSha = mergeBase,
            HeadSha = head,
            PatchId = identity.PatchId,
            FilePatchIds = identity.FilePatchIds,
            TargetBranch = Branch(request.TargetBranch),
            SourceBranch = Branch(request.SourceBranch),
            ChangeEvidence = ChangeEvidence(request, trusted),
            Title = request.Title is { } title ? Evidence.Bound(title) : commits.FirstOrDefault()?.Subject,
            Labels = request.Labels.Take(MaxLabels).Select(Evidence.Bound).Distinct(StringComparer.Ordinal).ToList(),
            Commits = commits,
            Files = files,
            Participants = participants.All,
            BlastRadius = blast,
            Risk = RiskAssessment.None,
            CodeownersByPath = files
                .Select(f => (f.Path, Owners: ownership.CodeownersOf(f.Path)))
                .Where(x => x.Owners.Count > 0)
                .DistinctBy(x => x.Path, StringComparer.Ordinal)
                .ToDictionary(x => x.Path, x => x.Owners, StringComparer.Ordinal),
        };

        var risk = InterimRiskModel.Assess(new RiskInputs
        {
            Files = files,
            AiLineShare = change.AiLineShare,
            BlastRadius = blast,
            AuthorPriorCommits = Experience(participants, trusted, mergeBase),
            IsFix = (request.Title is { } t && FixDetector.IsFix(t)) || messages.Any(FixDetector.IsFix),
        });
        return new ChangeBuild(change with { Risk = risk }, trusted, diagnostics);
    }

    private (List<ChangeCommit> Commits, List<string> Messages, ParticipantList Participants) ReadCommits(
        RevisionSelection selection, ChangeRequest request, TrustedConfiguration trusted, List<Diagnostic> diagnostics)
    {
        var shas = repository.ListCommits(selection);
        var commits = new List<ChangeCommit>(shas.Count);
        var messages = new List<string>(shas.Count);
        var collector = new ParticipantCollector(trusted.Resolver, trusted.Signatures);
        if (shas.Count == 0)
        {
            return (commits, messages, collector.Build());
        }

        var classifier = new ProvenanceClassifier(trusted.Signatures);
        var attribution = new AttributionCollector(repository, selection, shas, request.AgentTracePaths);
        diagnostics.AddRange(attribution.TakeSetupDiagnostics());
        foreach (var commit in new GitLogReader(repository).Read(shas))
        {
            var lines = attribution.Attribute(commit);
            diagnostics.AddRange(lines.Diagnostics);
            var provenance = classifier.Classify(commit.Author, commit.Committer, commit.Message, lines.Lines, lines.Evidence);
            collector.Add(commit, provenance);
            commits.Add(new ChangeCommit(commit.Sha, commit.Author, commit.Committer, Evidence.Bound(commit.Subject), provenance,
                commit.LinesAdded, commit.LinesDeleted, commit.IsMerge));
            if (!commit.IsMerge)
            {
                messages.Add(commit.Message);
            }
        }

        return (commits, messages, collector.Build());
    }

    /// <summary>Earlier commits by the accountable author's recorded e-mail and the directory's e-mails for them.</summary>
    private int? Experience(ParticipantList participants, TrustedConfiguration trusted, string baseSha)
    {
        if (participants.Accountable is not { } author)
        {
            return null;
        }

        var emails = new List<string> { author.Email };
        if (trusted.Resolver.Resolve(author).Person is { } person)
        {
            emails.AddRange(person.Emails);
        }

        return repository.CountCommitsByAuthor(baseSha, emails, ExperienceLimit);
    }

    /// <summary>A warning for each configuration file the change edits: the edit does not count until it is merged.</summary>
    private static IEnumerable<Diagnostic> ConfigurationEdits(IReadOnlyList<FileChange> files, TrustedConfiguration trusted)
    {
        var configuration = TrustedConfiguration.ConfigurationPaths.ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (configuration.Contains(file.Path) || (file.OldPath is { } old && configuration.Contains(old))
                || file.Path == "catalog-info.yaml" || file.Path.EndsWith("/catalog-info.yaml", StringComparison.Ordinal))
            {
                yield return Diagnostic.Warning(file.Path,
                    $"the change edits this configuration file; the check uses it as of {trusted.Revision[..12]} (the base), and the edit counts once merged");
            }
        }
    }

    /// <summary>
    /// Evidence about the change as a whole: its branch name (<c>copilot/…</c>), its labels (<c>ai-assisted</c>) and the
    /// checked disclosure checkboxes of its description, as the signatures' <c>disclosures</c> describe them.
    /// </summary>
    private static List<Evidence> ChangeEvidence(ChangeRequest request, TrustedConfiguration trusted)
    {
        var signatures = trusted.Signatures;
        var found = new List<Evidence>();
        if (Branch(request.SourceBranch) is { } source)
        {
            found.AddRange(signatures.MatchBranch(source));
        }

        found.AddRange(signatures.MatchLabels(request.Labels.Take(MaxLabels)));
        if (request.Description is { Length: > 0 } description)
        {
            found.AddRange(signatures.MatchDescription(description));
        }

        return found;
    }

    private static string? Branch(string? name) =>
        name is null ? null : Evidence.Bound(name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name);
}
