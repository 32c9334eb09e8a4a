using Countersign.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Organisation;

/// <summary>
/// Reads the organisation YAML:
/// <code>
/// levels: [intern, junior, mid, senior, staff, principal]   # lowest first; these are the defaults when absent
/// teams:
///   - id: payments            # required, unique
///     name: Payments          # display name, defaults to the id
///     parent: commerce        # optional team id
/// people:
///   - id: dana                # required, unique
///     name: Dana Mid          # display name, defaults to the id
///     emails: [dana@acme.example]
///     github: dana-m          # a leading '@' is dropped
///     gitlab: dana
///     level: mid              # one of levels
///     teams: [payments]       # team ids
///     manager: erin           # person id
/// bots:                       # each entry: one or more of email, github, gitlab, name-pattern
///   - github: dependabot[bot]
///   - email: ci@acme.example
///   - name-pattern: ".*\\[bot\\]$"
/// </code>
/// Never throws on bad input: every problem is a diagnostic with line, column and field, the bad value is left out
/// (see <see cref="OrgDirectoryBuilder"/>) and the rest of the file still counts.
/// </summary>
public sealed class OrgDirectoryReader
{
    private static readonly string[] Sections = ["levels", "teams", "people", "bots"];
    private static readonly string[] TeamFields = ["id", "name", "parent"];
    private static readonly string[] PersonFields = ["id", "name", "emails", "github", "gitlab", "level", "teams", "manager"];
    private static readonly string[] BotFields = ["email", "github", "gitlab", "name-pattern"];

    private readonly string source;
    private readonly List<Diagnostic> diagnostics = [];

    private OrgDirectoryReader(string source) => this.source = source;

    public static OrgDirectoryParseResult Read(string yamlText, string source)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(source);
        var reader = new OrgDirectoryReader(source);
        var directory = reader.ReadDirectory(yamlText);
        return new OrgDirectoryParseResult(directory, reader.diagnostics);
    }

    private OrgDirectory ReadDirectory(string yamlText)
    {
        var stream = new YamlStream();
        try
        {
            if (Yaml.YamlNesting.FirstTooDeep(yamlText) is { } deep)
            {
                diagnostics.Add(Diagnostic.Error(source, $"YAML nested more than {Yaml.YamlNesting.MaxDepth} levels deep", (int)deep.Line, (int)deep.Column));
                return OrgDirectory.Empty;
            }

            Yaml.YamlNesting.Load(stream, yamlText);
        }
        catch (Exception e) when (Yaml.YamlErrors.IsMalformed(e))
        {
            var (line, column) = Yaml.YamlErrors.Position(e, yamlText);
            diagnostics.Add(Diagnostic.Error(source, $"invalid YAML: {Yaml.YamlErrors.Message(e)}", line, column));
            return OrgDirectory.Empty;
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return OrgDirectory.Empty;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "the file must be a mapping with sections levels, teams, people and bots", null);
            return OrgDirectory.Empty;
        }

        List<string>? levels = null;
        var teams = new List<TeamDraft>();
        var people = new List<PersonDraft>();
        var bots = new List<BotDraft>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "levels":
                    levels = ReadLevels(value, key);
                    break;
                case "teams":
                    teams.AddRange(Items(value, key).Select(i => ReadTeam(i.Node, i.Field)).OfType<TeamDraft>());
                    break;
                case "people":
                    people.AddRange(Items(value, key).Select(i => ReadPerson(i.Node, i.Field)).OfType<PersonDraft>());
                    break;
                case "bots":
                    bots.AddRange(Items(value, key).Select(i => ReadBot(i.Node, i.Field)).OfType<BotDraft>());
                    break;
                default:
                    Error(keyNode, $"unknown section '{key}'{Spelling.DidYouMean(key, Sections)}; the sections are {string.Join(", ", Sections)}", key);
                    break;
            }
        }

        var builder = new OrgDirectoryBuilder(source, diagnostics);
        var teamList = builder.BuildTeams(teams);
        return builder.Build(levels ?? OrgDirectory.DefaultLevels, teamList, people, bots, createMissingTeams: false);
    }

    private List<string> ReadLevels(YamlNode node, string field)
    {
        var levels = new List<string>();
        foreach (var level in LocatedList(node, field))
        {
            if (levels.Contains(level.Value, StringComparer.Ordinal))
            {
                Error(level, $"level '{level.Value}' is listed twice");
            }
            else
            {
                levels.Add(level.Value);
            }
        }

        if (levels.Count == 0)
        {
            Error(node, "'levels' must list at least one level, lowest first", field);
        }

        return levels;
    }

    private TeamDraft? ReadTeam(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "expected a team mapping with id, name and parent", field);
            return null;
        }

        CheckFields(map, field, TeamFields);
        return RequiredId(map, field, "team") is { } id
            ? new TeamDraft(id, Value(map, "name", field), Value(map, "parent", field))
            : null;
    }

    private PersonDraft? ReadPerson(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"expected a person mapping with {string.Join(", ", PersonFields)}", field);
            return null;
        }

        CheckFields(map, field, PersonFields);
        if (RequiredId(map, field, "person") is not { } id)
        {
            return null;
        }

        return new PersonDraft(
            id,
            Value(map, "name", field),
            Get(map, "emails") is { } emails ? LocatedList(emails, field + ".emails") : [],
            Value(map, "github", field)?.AsHandle(),
            Value(map, "gitlab", field)?.AsHandle(),
            Value(map, "level", field),
            Get(map, "teams") is { } teams ? LocatedList(teams, field + ".teams") : [],
            Value(map, "manager", field));
    }

    private BotDraft? ReadBot(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"expected a bot mapping with one or more of {string.Join(", ", BotFields)}", field);
            return null;
        }

        CheckFields(map, field, BotFields);
        var email = Value(map, "email", field);
        var gitHub = Value(map, "github", field)?.AsHandle();
        var gitLab = Value(map, "gitlab", field)?.AsHandle();
        var pattern = Value(map, "name-pattern", field);
        if (pattern is { } p)
        {
            try
            {
                _ = BotIdentity.CompileNamePattern(p.Value);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                Error(p, $"invalid regular expression '{(p.Value.Length <= 80 ? p.Value : p.Value[..80] + "…")}': {e.Message}");
                return email is null && gitHub is null && gitLab is null ? null : new BotDraft(new BotIdentity(email?.Value, gitHub?.Value, gitLab?.Value), email, gitHub, gitLab);
            }
        }

        if (email is null && gitHub is null && gitLab is null && pattern is null)
        {
            Error(map, $"a bot needs at least one of {string.Join(", ", BotFields)}", field);
            return null;
        }

        return new BotDraft(new BotIdentity(email?.Value, gitHub?.Value, gitLab?.Value, pattern?.Value), email, gitHub, gitLab);
    }

    private Located? RequiredId(YamlMappingNode map, string field, string what)
    {
        var id = Value(map, "id", field);
        if (id is null)
        {
            Error(map, $"{what} has no 'id'", field + ".id");
            return null;
        }

        if (id.Value.Value.Any(char.IsWhiteSpace))
        {
            Error(id.Value, $"{what} id '{id.Value.Value}' must not contain spaces");
            return null;
        }

        return id;
    }

    private void CheckFields(YamlMappingNode map, string field, string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                Error(key, $"unknown field '{name}'{Spelling.DidYouMean(name, allowed)}; the fields are {string.Join(", ", allowed)}", $"{field}.{name}");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The trimmed scalar at <paramref name="key"/>; null when absent, empty or YAML null, or (reported) not a scalar.</summary>
    private Located? Value(YamlMappingNode map, string key, string field) => Scalar(Get(map, key), $"{field}.{key}");

    private Located? Scalar(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlScalarNode scalar:
                return new Located(scalar.Value!.Trim(), (int)scalar.Start.Line, (int)scalar.Start.Column, field);
            default:
                Error(node, "expected a single value", field);
                return null;
        }
    }

    /// <summary>A sequence of scalars; a lone scalar counts as a one-item list.</summary>
    private List<Located> LocatedList(YamlNode node, string field)
    {
        if (node is YamlScalarNode)
        {
            return Scalar(node, field) is { } single ? [single] : [];
        }

        return Items(node, field).Select(i => Scalar(i.Node, i.Field)).OfType<Located>().ToList();
    }

    private IEnumerable<(YamlNode Node, string Field)> Items(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
        {
            if (!IsNull(node))
            {
                Error(node, "expected a list", field);
            }

            return [];
        }

        return sequence.Children.Select((child, i) => (child, $"{field}[{i}]"));
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar
        && (string.IsNullOrWhiteSpace(scalar.Value)
            || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL"));

    private void Error(YamlNode node, string message, string? field) =>
        diagnostics.Add(Diagnostic.Error(source, message, (int)node.Start.Line, (int)node.Start.Column, field));

    private void Error(Located at, string message) =>
        diagnostics.Add(Diagnostic.Error(source, message, at.Line, at.Column, at.Field));
}
