using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Provenance.Trailers;

namespace Countersign.Engine.Changes;

/// <summary>
/// Works out who took part in a change, in which role, from its commits (oldest first) and their provenance:
/// <list type="bullet">
/// <item>the first human author of a (non-merge) commit is the <see cref="ParticipantRole.Author"/>; other human
/// authors, and humans named in <c>Co-authored-by:</c>/<c>Co-developed-by:</c> trailers, are co-authors;</item>
/// <item>identities the provenance evidence ties to an AI tool, automation the signature catalog knows and the
/// directory's bots are <see cref="ParticipantRole.Agent"/>s;</item>
/// <item>for a commit an AI agent authored, its human committer and human co-authors are
/// <see cref="ParticipantRole.Prompter"/>s; when no commit has a human author, the first prompter is also the
/// accountable author, so an agent-only change is never without one;</item>
/// <item>other human committers, and the authors of merge commits, are committers unless they also authored.</item>
/// </list>
/// GitHub's web-flow committer (<c>noreply@github.com</c>) stands for whoever pressed the button and is left out.
/// </summary>
public sealed class ParticipantCollector(IdentityResolver resolver, SignatureCatalog signatures)
{
    private static readonly string[] CoAuthorTrailers = ["co-authored-by", "co-developed-by"];

    private readonly List<(Participant Participant, string Key, GitIdentity Identity)> found = [];
    private readonly List<(Participant Participant, string Key, GitIdentity Identity)> committers = [];
    private readonly HashSet<(ParticipantRole, string)> seen = [];
    private string? authorKey;

    private enum Kind
    {
        Human,
        AiAgent,
        Bot,
        Platform,
    }

    public void Add(CommitRecord commit, CommitProvenance provenance)
    {
        var authorKind = KindOf(commit.Author, provenance, EvidenceKind.Author);
        var agentAuthored = !commit.IsMerge && authorKind == Kind.AiAgent;
        if (commit.IsMerge)
        {
            // Whoever merged wrote no lines of their own (conflict resolutions aside): they applied the change.
            AddCommitter(commit.Author, commit.Sha, authorKind);
        }
        else if (authorKind == Kind.Human)
        {
            var (match, key) = Resolve(commit.Author);
            authorKey ??= key;
            Add(key == authorKey ? ParticipantRole.Author : ParticipantRole.CoAuthor, commit.Author, match, key, commit.Sha);
        }
        else if (authorKind != Kind.Platform)
        {
            var (match, key) = Resolve(commit.Author);
            Add(ParticipantRole.Agent, commit.Author, match, key, commit.Sha);
        }

        foreach (var trailer in TrailerParser.Parse(commit.Message))
        {
            if (CoAuthorTrailers.Contains(trailer.Key, StringComparer.OrdinalIgnoreCase))
            {
                AddCoAuthor(trailer, commit, provenance, agentAuthored);
            }
        }

        var committerKind = KindOf(commit.Committer, provenance, EvidenceKind.Committer);
        if (agentAuthored && committerKind == Kind.Human)
        {
            var (match, key) = Resolve(commit.Committer);
            Add(ParticipantRole.Prompter, commit.Committer, match, key, commit.Sha);
        }
        else
        {
            AddCommitter(commit.Committer, commit.Sha, committerKind);
        }
    }

    /// <summary>Everyone, ordered by role (author first) and then by first appearance.</summary>
    public ParticipantList Build()
    {
        var all = found.ToList();
        var authors = all.Where(p => p.Participant.Role is ParticipantRole.Author or ParticipantRole.CoAuthor).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var committer in committers)
        {
            if (!authors.Contains(committer.Key) && listed.Add(committer.Key))
            {
                all.Add(committer);
            }
        }

        var accountable = all.FirstOrDefault(p => p.Participant.Role == ParticipantRole.Author);
        if (accountable.Participant is null && all.FirstOrDefault(p => p.Participant.Role == ParticipantRole.Prompter) is { Participant: not null } prompter)
        {
            accountable = (prompter.Participant with { Role = ParticipantRole.Author }, prompter.Key, prompter.Identity);
            all.Add(accountable);
        }

        var ordered = all.Select(p => p.Participant).OrderBy(p => p.Role).ToList();
        return new ParticipantList(ordered, accountable.Identity);
    }

    private void AddCoAuthor(Trailer trailer, CommitRecord commit, CommitProvenance provenance, bool agentAuthored)
    {
        var identity = ParseIdentity(trailer.Value, commit.Author.When);
        var (match, key) = Resolve(identity);
        var bounded = Evidence.Bound(trailer.ToString());
        var namesTool = provenance.Evidence.Any(e => e.Kind == EvidenceKind.Trailer && IsToolClaim(e) && e.Text == bounded);
        if (namesTool || match.IsBot || (identity.Email.Length > 0 && signatures.IsAutomation(identity)))
        {
            Add(ParticipantRole.Agent, identity, match, key, commit.Sha);
        }
        else if (agentAuthored)
        {
            Add(ParticipantRole.Prompter, identity, match, key, commit.Sha);
        }
        else if (key != authorKey)
        {
            Add(ParticipantRole.CoAuthor, identity, match, key, commit.Sha);
        }
    }

    private void AddCommitter(GitIdentity identity, string sha, Kind kind)
    {
        if (kind == Kind.Platform)
        {
            return;
        }

        var (match, key) = Resolve(identity);
        if (kind == Kind.Human)
        {
            committers.Add((new Participant(ParticipantRole.Committer, Display(identity), match, sha) { Identity = identity }, key, identity));
        }
        else
        {
            Add(ParticipantRole.Agent, identity, match, key, sha);
        }
    }

    private void Add(ParticipantRole role, GitIdentity identity, IdentityMatch match, string key, string sha)
    {
        if (seen.Add((role, key)))
        {
            found.Add((new Participant(role, Display(identity), match, sha) { Identity = identity }, key, identity));
        }
    }

    private Kind KindOf(GitIdentity identity, CommitProvenance provenance, EvidenceKind place)
    {
        if (provenance.Evidence.Any(e => e.Kind == place && IsToolClaim(e)))
        {
            return Kind.AiAgent;
        }

        if (resolver.Resolve(identity).IsBot || signatures.IsAutomation(identity))
        {
            return Kind.Bot;
        }

        return identity.Email.Equals("noreply@github.com", StringComparison.OrdinalIgnoreCase) ? Kind.Platform : Kind.Human;
    }

    private static bool IsToolClaim(Evidence e) => e.Tool is not null && e.Implies is ProvenanceStatus.Ai or ProvenanceStatus.AiSuggested;

    /// <summary>The directory's answer, and a key that is the same for every spelling of one person.</summary>
    private (IdentityMatch Match, string Key) Resolve(GitIdentity identity)
    {
        var match = resolver.Resolve(identity);
        var key = match.Person is { } person ? "person:" + person.Id
            : match.Key.Length > 0 ? "id:" + match.Key.ToLowerInvariant()
            : "name:" + identity.Name.Trim().ToLowerInvariant();
        return (match, key);
    }

    /// <summary>A trailer value <c>Name &lt;e-mail&gt;</c>; without an e-mail in angle brackets the value is a name.</summary>
    private static GitIdentity ParseIdentity(string value, DateTimeOffset when)
    {
        var lt = value.LastIndexOf('<');
        var gt = lt < 0 ? -1 : value.IndexOf('>', lt);
        return gt > lt + 1 && value.AsSpan(lt + 1, gt - lt - 1).Contains('@')
            ? new GitIdentity(value[..lt].Trim(), value[(lt + 1)..gt].Trim(), when)
            : new GitIdentity(value.Trim(), "", when);
    }

    private static string Display(GitIdentity identity) => Evidence.Bound(identity.Email.Length == 0 ? identity.Name : identity.ToString());
}
