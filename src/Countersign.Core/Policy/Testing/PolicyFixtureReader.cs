using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// Reads policy test files (docs/policy-testing.md): YAML with a list of cases, each a change described by person ids
/// and component names, its sign-offs, and the expected verdict. Unknown keys and wrong types are reported with line
/// and column; unknown people and values with the case and field.
/// </summary>
public static class PolicyFixtureReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly Dictionary<string, ProvenanceStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["ai"] = ProvenanceStatus.Ai, ["ai-suggested"] = ProvenanceStatus.AiSuggested, ["human-declared"] = ProvenanceStatus.HumanDeclared, ["unknown"] = ProvenanceStatus.Unknown,
    };

    private static readonly Dictionary<string, BlastClass> Classes = new(StringComparer.Ordinal)
    {
        ["contained"] = BlastClass.Contained, ["service"] = BlastClass.Service, ["multi-service"] = BlastClass.MultiService, ["critical"] = BlastClass.Critical,
    };

    private static readonly Dictionary<string, SignOffKind> Kinds = new(StringComparer.Ordinal)
    {
        ["approve"] = SignOffKind.Approve, ["reject"] = SignOffKind.Reject, ["break-glass"] = SignOffKind.BreakGlass,
    };

    public static (IReadOnlyList<PolicyTestCase> Cases, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string source, OrgDirectory org, DateTimeOffset defaultNow)
    {
        FixtureDocument? document;
        try
        {
            document = Deserializer.Deserialize<FixtureDocument>(text);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            return ([], [Diagnostic.Error(source, message, (int)e.Start.Line, (int)e.Start.Column)]);
        }

        var diagnostics = new List<Diagnostic>();
        var cases = new List<PolicyTestCase>();
        if (document is null || document.Cases.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(source, "no test cases: the file needs a 'cases:' list", field: "cases"));
            return (cases, diagnostics);
        }

        for (var i = 0; i < document.Cases.Count; i++)
        {
            var errors = new List<string>();
            var built = Build(document.Cases[i], i, org, defaultNow, source, errors);
            diagnostics.AddRange(errors.Select(e => Diagnostic.Error(source, $"case '{document.Cases[i].Name ?? $"#{i + 1}"}': {e}", field: $"cases[{i}]")));
            if (errors.Count == 0)
            {
                cases.Add(built);
            }
        }

        return (cases, diagnostics);
    }

    private static PolicyTestCase Build(FixtureCase fixture, int index, OrgDirectory org, DateTimeOffset defaultNow, string source, List<string> errors)
    {
        var now = fixture.Now ?? defaultNow;
        var c = fixture.Change;
        var participants = new List<Participant>();
        void Add(ParticipantRole role, string? id, string field)
        {
            if (id is null)
            {
                return;
            }

            if (org.FindPerson(id) is { } person)
            {
                participants.Add(new Participant(role, person.ToString(), new IdentityMatch(IdentityMatchKind.Email, person, false, false, id, $"person {id}")));
            }
            else if (role == ParticipantRole.Agent)
            {
                participants.Add(new Participant(role, id, new IdentityMatch(IdentityMatchKind.Handle, null, true, false, id, "agent")));
            }
            else if (id.Contains('@', StringComparison.Ordinal))
            {
                participants.Add(new Participant(role, id, IdentityMatch.Unresolved(id, "not in the org directory")));
            }
            else
            {
                errors.Add($"{field}: no person '{id}' in the org directory (use an e-mail for someone outside it)");
            }
        }

        Add(ParticipantRole.Author, c.Author, "change.author");
        c.CoAuthors.ForEach(p => Add(ParticipantRole.CoAuthor, p, "change.co_authors"));
        c.Prompters.ForEach(p => Add(ParticipantRole.Prompter, p, "change.prompters"));
        c.Committers.ForEach(p => Add(ParticipantRole.Committer, p, "change.committers"));
        c.Agents.ForEach(p => Add(ParticipantRole.Agent, p, "change.agents"));

        var status = Lookup(Statuses, c.Provenance, "change.provenance", errors);
        var blastClass = Lookup(Classes, c.BlastRadius.Class, "change.blast_radius.class", errors);
        var files = c.Files.Select(f => new FileChange(f.Path, f.Added, f.Deleted)).ToList();
        var added = files.Sum(f => f.Added ?? 0);
        var lines = c.AiLineShare is { } share
            ? new LineAttribution([new FileLineAttribution("*", (int)Math.Round(share * 1000), 1000 - (int)Math.Round(share * 1000), 0, c.Tools)], ["fixture"])
            : null;
        var identity = new GitIdentity("fixture", "fixture@countersign.invalid", now);
        var commits = Enumerable.Range(0, Math.Max(1, c.Commits))
            .Select(n => new ChangeCommit($"{n:x40}", identity, identity, "fixture", new CommitProvenance(status, c.Tools, [], lines), n == 0 ? added : 0, 0))
            .ToList();
        var patch = $"fixture-{index}";
        var filePatchIds = files.ToDictionary(f => f.Path, f => $"{patch}:{f.Path}", StringComparer.Ordinal);
        var change = new ChangeFacts
        {
            Key = $"fixture/{index}",
            BaseSha = new string('0', 40),
            HeadSha = new string('1', 40),
            PatchId = patch,
            FilePatchIds = filePatchIds,
            TargetBranch = c.TargetBranch,
            SourceBranch = c.SourceBranch,
            Labels = c.Labels,
            Commits = commits,
            Files = files,
            Participants = participants,
            BlastRadius = new BlastRadiusResult(
                c.Touched.Select(t => new TouchedComponent($"component:default/{t.Name}", t.Name, t.Tier, t.Owner, [], 0, 0, 0)).ToList(),
                c.Reached.Select(r => new ReachedComponent($"component:default/{r.Name}", r.Name, r.Tier, r.Owner, 1, [r.Name], [], 0)).ToList(),
                [], [], [], [], c.BlastRadius.Score, blastClass, []),
            Risk = new RiskAssessment(c.Risk, "fixture", []),
            CodeownersByPath = c.Codeowners.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
        };

        var signOffs = new List<SignOff>();
        for (var i = 0; i < fixture.Signoffs.Count; i++)
        {
            var s = fixture.Signoffs[i];
            var kind = Lookup(Kinds, s.Kind, $"signoffs[{i}].kind", errors);
            var stale = s.Stale;
            signOffs.Add(new SignOff($"fixture-{index}-{i}", change.Key, s.By, kind, stale ? patch + "-earlier" : patch,
                stale ? filePatchIds.ToDictionary(kv => kv.Key, kv => kv.Value + "-earlier", StringComparer.Ordinal) : filePatchIds,
                change.HeadSha, now.AddMinutes(-s.MinutesAgo), s.Comment));
        }

        if (fixture.Expect.Status is { } expected && expected is not ("satisfied" or "pending" or "rejected" or "frozen"))
        {
            errors.Add($"expect.status: '{expected}' is not one of satisfied, pending, rejected, frozen");
        }

        foreach (var (rule, value) in fixture.Expect.Rules.Where(kv => kv.Value is not ("skipped" or "approved" or "pending" or "disapproved")))
        {
            errors.Add($"expect.rules.{rule}: '{value}' is not one of skipped, approved, pending, disapproved");
        }

        return new PolicyTestCase(fixture.Name ?? $"case {index + 1}", source, change, signOffs, now, fixture.Environment, fixture.Expect.Status,
            fixture.Expect.Rules, fixture.Expect.Candidates.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value));
    }

    private static T Lookup<T>(Dictionary<string, T> allowed, string value, string field, List<string> errors)
        where T : struct
    {
        if (allowed.TryGetValue(value, out var result))
        {
            return result;
        }

        errors.Add($"{field}: '{value}' is not one of {string.Join(", ", allowed.Keys)}");
        return default;
    }
}
