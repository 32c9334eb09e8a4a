using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// Builds <see cref="ChangeFacts"/> from a fixture's <c>change:</c> mapping: people by directory id (an e-mail for
/// someone outside the directory; agents by any name), components by name, and the measures the policy reads.
/// File patch identities are derived from the change's <c>patch_id</c> and the path, so sign-offs can say which differ.
/// </summary>
internal static class FixtureChangeReader
{
    public static readonly IReadOnlyList<string> Fields =
    [
        "author", "co_authors", "prompters", "committers", "agents", "provenance", "tools", "ai_line_share", "files",
        "touched", "reached", "blast_radius", "risk", "labels", "target_branch", "source_branch", "commits", "codeowners", "patch_id",
    ];

    private static readonly Dictionary<string, ProvenanceStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["ai"] = ProvenanceStatus.Ai, ["ai-suggested"] = ProvenanceStatus.AiSuggested, ["human-declared"] = ProvenanceStatus.HumanDeclared, ["unknown"] = ProvenanceStatus.Unknown,
    };

    private static readonly Dictionary<string, BlastClass> Classes = new(StringComparer.Ordinal)
    {
        ["contained"] = BlastClass.Contained, ["service"] = BlastClass.Service, ["multi-service"] = BlastClass.MultiService, ["critical"] = BlastClass.Critical,
    };

    private static readonly (string Key, ParticipantRole Role)[] Roles =
    [
        ("author", ParticipantRole.Author), ("co_authors", ParticipantRole.CoAuthor), ("prompters", ParticipantRole.Prompter),
        ("committers", ParticipantRole.Committer), ("agents", ParticipantRole.Agent),
    ];

    public static ChangeFacts Read(YamlNode? node, int index, DateTimeOffset now, OrgDirectory org, FixtureNodes yaml)
    {
        var map = yaml.Mapping(node, "change", Fields);
        var participants = new List<Participant>();
        foreach (var (key, role) in Roles)
        {
            foreach (var (id, at) in yaml.Strings(FixtureNodes.Get(map, key), $"change.{key}"))
            {
                if (Participant(role, id, org) is { } participant)
                {
                    participants.Add(participant);
                }
                else
                {
                    yaml.Error(at, $"change.{key}", $"no person '{id}' in the org directory (use an e-mail for someone outside it){Spelling.DidYouMean(id, org.People.Select(p => p.Id))}");
                }
            }
        }

        var status = yaml.Word(FixtureNodes.Get(map, "provenance"), "change.provenance", Statuses) ?? ProvenanceStatus.Unknown;
        var tools = yaml.Strings(FixtureNodes.Get(map, "tools"), "change.tools").Select(t => t.Value).ToList();
        var share = yaml.Number(FixtureNodes.Get(map, "ai_line_share"), "change.ai_line_share", 0, 1);
        var files = Files(FixtureNodes.Get(map, "files"), yaml);
        var patch = yaml.String(FixtureNodes.Get(map, "patch_id"), "change.patch_id") ?? $"fixture-{index}";
        var blast = yaml.Mapping(FixtureNodes.Get(map, "blast_radius"), "change.blast_radius", ["class", "score"]);
        var commitCount = yaml.Whole(FixtureNodes.Get(map, "commits"), "change.commits", 1) ?? 1;
        var added = files.Sum(f => f.Added ?? 0);
        var lines = share is { } s
            ? new LineAttribution([new FileLineAttribution("*", (int)Math.Round(s * 1000), 1000 - (int)Math.Round(s * 1000), 0, tools)], ["fixture"])
            : null;
        var identity = new GitIdentity("fixture", "fixture@countersign.invalid", now);
        var provenance = new CommitProvenance(status, tools, [], lines);
        return new ChangeFacts
        {
            Key = $"fixture/{index}",
            BaseSha = new string('0', 40),
            HeadSha = new string('1', 40),
            PatchId = patch,
            FilePatchIds = files.ToDictionary(f => f.Path, f => FilePatchId(patch, f.Path), StringComparer.Ordinal),
            TargetBranch = FixtureNodes.Get(map, "target_branch") is { } target ? yaml.String(target, "change.target_branch") : "main",
            SourceBranch = yaml.String(FixtureNodes.Get(map, "source_branch"), "change.source_branch"),
            Labels = yaml.Strings(FixtureNodes.Get(map, "labels"), "change.labels").Select(l => l.Value).ToList(),
            Commits = Enumerable.Range(0, commitCount)
                .Select(n => new ChangeCommit($"{n:x40}", identity, identity, "fixture", provenance, n == 0 ? added : 0, n == 0 ? files.Sum(f => f.Deleted ?? 0) : 0))
                .ToList(),
            Files = files,
            Participants = participants,
            BlastRadius = new BlastRadiusResult(
                Components(FixtureNodes.Get(map, "touched"), "change.touched", yaml).Select(c => new TouchedComponent(c.Ref, c.Name, c.Tier, c.Owner, [], 0, 0, 0)).ToList(),
                Components(FixtureNodes.Get(map, "reached"), "change.reached", yaml).Select(c => new ReachedComponent(c.Ref, c.Name, c.Tier, c.Owner, 1, [c.Name], [], 0)).ToList(),
                [], [], [], [],
                yaml.Number(FixtureNodes.Get(blast, "score"), "change.blast_radius.score", 0) ?? 0,
                yaml.Word(FixtureNodes.Get(blast, "class"), "change.blast_radius.class", Classes) ?? BlastClass.Contained,
                []),
            Risk = new RiskAssessment(yaml.Number(FixtureNodes.Get(map, "risk"), "change.risk", 0, 100) ?? 0, "fixture", []),
            CodeownersByPath = Codeowners(FixtureNodes.Get(map, "codeowners"), yaml),
        };
    }

    /// <summary>The patch identity a file has in the change whose patch identity is <paramref name="patch"/>.</summary>
    public static string FilePatchId(string patch, string path) => $"{patch}:{path}";

    private static Participant? Participant(ParticipantRole role, string id, OrgDirectory org)
    {
        if (org.FindPerson(id) is { } person)
        {
            return new Participant(role, person.ToString(), new IdentityMatch(IdentityMatchKind.Email, person, false, false, id, $"person {id}"));
        }

        if (role == ParticipantRole.Agent)
        {
            return new Participant(role, id, new IdentityMatch(IdentityMatchKind.Handle, null, true, false, id, "agent"));
        }

        return id.Contains('@', StringComparison.Ordinal) ? new Participant(role, id, IdentityMatch.Unresolved(id, "not in the org directory")) : null;
    }

    private static List<FileChange> Files(YamlNode? node, FixtureNodes yaml)
    {
        var files = new List<FileChange>();
        foreach (var (item, field) in yaml.Items(node, "change.files"))
        {
            if (item is YamlScalarNode)
            {
                files.Add(new FileChange(yaml.String(item, field)!, 0, 0));
                continue;
            }

            var map = yaml.Mapping(item, field, ["path", "added", "deleted"]);
            if (yaml.String(FixtureNodes.Get(map, "path"), $"{field}.path") is not { } path)
            {
                yaml.Error(item, field, "a file needs a 'path'");
                continue;
            }

            files.Add(new FileChange(path, yaml.Whole(FixtureNodes.Get(map, "added"), $"{field}.added", 0) ?? 0, yaml.Whole(FixtureNodes.Get(map, "deleted"), $"{field}.deleted", 0) ?? 0));
        }

        return files;
    }

    private static List<(string Ref, string Name, int? Tier, string? Owner)> Components(YamlNode? node, string field, FixtureNodes yaml)
    {
        var components = new List<(string, string, int?, string?)>();
        foreach (var (item, itemField) in yaml.Items(node, field))
        {
            var map = item is YamlScalarNode ? null : yaml.Mapping(item, itemField, ["name", "tier", "owner"]);
            var name = item is YamlScalarNode ? yaml.String(item, itemField) : yaml.String(FixtureNodes.Get(map, "name"), $"{itemField}.name");
            if (name is null)
            {
                yaml.Error(item, itemField, "a component needs a 'name'");
                continue;
            }

            components.Add(($"component:default/{name}", name, yaml.Whole(FixtureNodes.Get(map, "tier"), $"{itemField}.tier", 0), yaml.String(FixtureNodes.Get(map, "owner"), $"{itemField}.owner")));
        }

        return components;
    }

    private static Dictionary<string, IReadOnlyList<string>> Codeowners(YamlNode? node, FixtureNodes yaml)
    {
        var owners = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null)
        {
            return owners;
        }

        if (node is not YamlMappingNode map)
        {
            yaml.Error(node, "change.codeowners", "expected a mapping of path to owners");
            return owners;
        }

        foreach (var (key, value) in map.Children)
        {
            if (yaml.String(key, "change.codeowners") is { } path)
            {
                owners[path] = yaml.Strings(value, $"change.codeowners.{path}").Select(o => o.Value).ToList();
            }
        }

        return owners;
    }
}
