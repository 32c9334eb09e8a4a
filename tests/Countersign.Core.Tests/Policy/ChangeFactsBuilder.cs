using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance;

namespace Countersign.Core.Tests.Policy;

/// <summary>
/// Builds <see cref="ChangeFacts"/> for policy tests. Defaults: dana's (junior, payments) AI-assisted change (claude-code)
/// of services/payments/charge.go (+30 −2, file patch id f1, change patch id p1) into main, touching tier-1 payments
/// (owned by group:default/payments; CODEOWNERS @acme/payments), blast radius critical (8), risk 30.
/// People are looked up in <see cref="PolicyTestOrg.WithExtras"/>.
/// </summary>
public sealed class ChangeFactsBuilder
{
    private readonly List<Participant> participants = [];
    private readonly List<FileChange> files = [new("services/payments/charge.go", 30, 2)];
    private readonly List<TouchedComponent> touched = [new("component:default/payments", "payments", 1, "group:default/payments", ["services/payments/charge.go"], 30, 2, 8)];
    private readonly List<ReachedComponent> reached = [];
    private readonly Dictionary<string, IReadOnlyList<string>> codeowners = new(StringComparer.Ordinal) { ["services/payments/charge.go"] = ["@acme/payments"] };
    private readonly Dictionary<string, string> filePatchIds = new(StringComparer.Ordinal) { ["services/payments/charge.go"] = "f1" };
    private readonly List<(ProvenanceStatus Status, bool IsMerge)> extraCommits = [];
    private ProvenanceStatus status = ProvenanceStatus.Ai;
    private IReadOnlyList<string> tools = ["claude-code"];
    private LineAttribution? lines;
    private BlastClass blastClass = BlastClass.Critical;
    private double blastScore = 8;
    private double risk = 30;
    private string patchId = "p1";
    private string? target = "main";
    private string? source = "feature/x";
    private IReadOnlyList<string> labels = [];

    public ChangeFactsBuilder()
    {
        participants.Add(Person(ParticipantRole.Author, "dana"));
    }

    public ChangeFactsBuilder With(ParticipantRole role, string personId)
    {
        participants.Add(Person(role, personId));
        return this;
    }

    /// <summary>Replaces the author: a person id, or null for someone the directory does not know.</summary>
    public ChangeFactsBuilder AuthoredBy(string? personId)
    {
        participants.RemoveAll(p => p.Role == ParticipantRole.Author);
        participants.Add(personId is null
            ? new Participant(ParticipantRole.Author, "Ghost <ghost@elsewhere.test>", IdentityMatch.Unresolved("ghost@elsewhere.test", "nobody"))
            : Person(ParticipantRole.Author, personId));
        return this;
    }

    /// <summary>Replaces the author with an identity as git recorded it, resolved by <paramref name="resolver"/> as the server would.</summary>
    public ChangeFactsBuilder AuthoredAs(string name, string email, IdentityResolver resolver)
    {
        participants.RemoveAll(p => p.Role == ParticipantRole.Author);
        var identity = new Countersign.Core.History.GitIdentity(name, email, DateTimeOffset.UnixEpoch);
        participants.Add(new Participant(ParticipantRole.Author, identity.ToString(), resolver.Resolve(identity)) { Identity = identity });
        return this;
    }

    /// <summary>Adds a participant in <paramref name="role"/> with an identity as git recorded it, resolved by <paramref name="resolver"/>.</summary>
    public ChangeFactsBuilder As(ParticipantRole role, string name, string email, IdentityResolver resolver)
    {
        var identity = new Countersign.Core.History.GitIdentity(name, email, DateTimeOffset.UnixEpoch);
        participants.Add(new Participant(role, identity.ToString(), resolver.Resolve(identity)) { Identity = identity });
        return this;
    }

    public ChangeFactsBuilder NoAuthor()
    {
        participants.RemoveAll(p => p.Role == ParticipantRole.Author);
        return this;
    }

    /// <summary>A bot identity (not a person) in <paramref name="role"/>.</summary>
    public ChangeFactsBuilder WithBot(string display, ParticipantRole role = ParticipantRole.Agent)
    {
        participants.Add(new Participant(role, display, new IdentityMatch(IdentityMatchKind.Handle, null, true, false, display, "bot")));
        return this;
    }

    /// <summary>A directory person whose identity here is flagged as a bot (a service account listed as a person).</summary>
    public ChangeFactsBuilder WithBotPerson(string personId, ParticipantRole role)
    {
        var person = PolicyTestOrg.WithExtras.FindPerson(personId)!;
        participants.Add(new Participant(role, person.Name, new IdentityMatch(IdentityMatchKind.Email, person, true, false, person.Emails[0], "bot")));
        return this;
    }

    public ChangeFactsBuilder Provenance(ProvenanceStatus value, params string[] toolIds)
    {
        status = value;
        tools = toolIds;
        return this;
    }

    /// <summary>Another commit (10 added lines unless a merge) with the given provenance.</summary>
    public ChangeFactsBuilder Commit(ProvenanceStatus value, bool isMerge = false)
    {
        extraCommits.Add((value, isMerge));
        return this;
    }

    public ChangeFactsBuilder AiShare(double share)
    {
        lines = new LineAttribution([new FileLineAttribution("services/payments/charge.go", (int)(share * 100), 100 - (int)(share * 100), 0, ["claude-code"])], ["test"]);
        return this;
    }

    public ChangeFactsBuilder File(string path, int added = 10, int deleted = 0, string? patch = null, string? oldPath = null)
    {
        files.Add(new FileChange(path, added, deleted, OldPath: oldPath));
        filePatchIds[path] = patch ?? "id-" + path;
        return this;
    }

    public ChangeFactsBuilder OnlyFile(string path, int added = 10)
    {
        NoFiles();
        codeowners.Clear();
        touched.Clear();
        return File(path, added);
    }

    public ChangeFactsBuilder NoFiles()
    {
        files.Clear();
        filePatchIds.Clear();
        return this;
    }

    public ChangeFactsBuilder Touching(string name, int? tier, string? owner)
    {
        touched.Add(new TouchedComponent($"component:default/{name}", name, tier, owner, [], 1, 0, 1));
        return this;
    }

    public ChangeFactsBuilder Reaching(string name, int? tier, string? owner)
    {
        reached.Add(new ReachedComponent($"component:default/{name}", name, tier, owner, 1, [name, "payments"], ["dependsOn"], 1));
        return this;
    }

    public ChangeFactsBuilder NoComponents()
    {
        touched.Clear();
        codeowners.Clear();
        return this;
    }

    public ChangeFactsBuilder Codeowners(string path, params string[] owners)
    {
        codeowners[path] = owners;
        return this;
    }

    public ChangeFactsBuilder Blast(BlastClass value, double score)
    {
        blastClass = value;
        blastScore = score;
        return this;
    }

    public ChangeFactsBuilder Risk(double score)
    {
        risk = score;
        return this;
    }

    /// <summary>The change's patch identity, and optionally one file's.</summary>
    public ChangeFactsBuilder Patch(string id, string? filePath = null, string? fileId = null)
    {
        patchId = id;
        if (filePath is not null)
        {
            filePatchIds[filePath] = fileId!;
        }

        return this;
    }

    public ChangeFactsBuilder Branches(string? targetBranch, string? sourceBranch = null)
    {
        target = targetBranch;
        source = sourceBranch;
        return this;
    }

    public ChangeFactsBuilder Labels(params string[] values)
    {
        labels = values;
        return this;
    }

    public ChangeFacts Build()
    {
        var identity = new GitIdentity("Dana", "dana@acme.test", PolicyTestOrg.Now);
        var added = files.Sum(f => f.Added ?? 0);
        var commits = new List<ChangeCommit> { new(new string('c', 40), identity, identity, "Change", new CommitProvenance(status, tools, [], lines), added, files.Sum(f => f.Deleted ?? 0)) };
        commits.AddRange(extraCommits.Select((c, i) => new ChangeCommit($"{i:x40}", identity, identity, "More", new CommitProvenance(c.Status, [], []), c.IsMerge ? 0 : 10, 0, c.IsMerge)));
        return new ChangeFacts
        {
            Key = "pr/1",
            BaseSha = new string('a', 40),
            HeadSha = new string('b', 40),
            PatchId = patchId,
            FilePatchIds = new Dictionary<string, string>(filePatchIds),
            TargetBranch = target,
            SourceBranch = source,
            Labels = labels,
            Commits = commits,
            Files = [.. files],
            Participants = [.. participants],
            BlastRadius = new BlastRadiusResult([.. touched], [.. reached], [], [], [], [], blastScore, blastClass, ["test"]),
            Risk = new RiskAssessment(risk, "test", [new RiskFactor("lines added", "30", risk, "test")]),
            CodeownersByPath = new Dictionary<string, IReadOnlyList<string>>(codeowners),
        };
    }

    private static Participant Person(ParticipantRole role, string id)
    {
        var person = PolicyTestOrg.WithExtras.FindPerson(id)!;
        return new Participant(role, $"{person.Name} <{person.Emails[0]}>", new IdentityMatch(IdentityMatchKind.Email, person, false, false, person.Emails[0], "e-mail"));
    }
}
