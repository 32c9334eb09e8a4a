using Countersign.Core.Diagnostics;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
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
/// Keys and value types are read through <see cref="OrgSchema"/> (the shared YAML kit: unknown keys with the closest
/// one suggested, type errors naming the field); the references between entries are checked by
/// <see cref="OrgDirectoryBuilder"/>. Never throws on bad input: every problem is a diagnostic with line, column and
/// field, the bad value is left out and the rest of the file still counts.
/// </summary>
public sealed class OrgDirectoryReader
{
    private readonly string source;
    private readonly List<Diagnostic> diagnostics = [];
    private readonly NodeReader reader;

    private OrgDirectoryReader(string source)
    {
        this.source = source;
        reader = new NodeReader(OrgSchema.Document, source, diagnostics);
    }

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
        if (YamlDocumentLoader.Load(yamlText, source, "the org directory", diagnostics) is not { } root
            || reader.Mapping(root, OrgSchema.Root, "") is not { } k)
        {
            return OrgDirectory.Empty;
        }

        var levels = k.Has("levels") ? ReadLevels(k) : null;
        var teams = Entries(k, "teams", OrgSchema.Team, ReadTeam);
        var people = Entries(k, "people", OrgSchema.Person, ReadPerson);
        var bots = Entries(k, "bots", OrgSchema.Bot, ReadBot);
        var builder = new OrgDirectoryBuilder(source, diagnostics);
        var teamList = builder.BuildTeams(teams);
        return builder.Build(levels ?? OrgDirectory.DefaultLevels, teamList, people, bots, createMissingTeams: false);
    }

    private List<string> ReadLevels(MappingFields k)
    {
        var levels = new List<string>();
        foreach (var level in Texts(k, "levels"))
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

        return levels.Count == 0 ? [.. OrgDirectory.DefaultLevels] : levels;
    }

    /// <summary>The entries of a list of mappings that could be read; each bad one is reported and left out.</summary>
    private List<T> Entries<T>(MappingFields k, string key, ObjectType type, Func<MappingFields, T?> read) where T : class =>
        [.. (k.Items(key) ?? []).Select((node, i) => reader.Mapping(node, type, $"{k.Path(key)}[{i}]")).OfType<MappingFields>().Select(read).OfType<T>()];

    private TeamDraft? ReadTeam(MappingFields k) =>
        Text(k, "id") is { } id ? new TeamDraft(id, Text(k, "name"), Text(k, "parent")) : null;

    private PersonDraft? ReadPerson(MappingFields k) => Text(k, "id") is not { } id
        ? null
        : new PersonDraft(id, Text(k, "name"), Texts(k, "emails"), Text(k, "github")?.AsHandle(), Text(k, "gitlab")?.AsHandle(),
            Text(k, "level"), Texts(k, "teams"), Text(k, "manager"));

    private BotDraft? ReadBot(MappingFields k)
    {
        var email = Text(k, "email");
        var gitHub = Text(k, "github")?.AsHandle();
        var gitLab = Text(k, "gitlab")?.AsHandle();
        var pattern = Text(k, "name-pattern");
        if (pattern is { } p)
        {
            try
            {
                _ = BotIdentity.CompileNamePattern(p.Value);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                Error(p, $"invalid regular expression '{UntrustedText.Bound(p.Value, NodeReader.MaxShown)}': {e.Message}");
                return email is null && gitHub is null && gitLab is null ? null : new BotDraft(new BotIdentity(email?.Value, gitHub?.Value, gitLab?.Value), email, gitHub, gitLab);
            }
        }

        if (email is null && gitHub is null && gitLab is null && pattern is null)
        {
            if (k.Count > 0)
            {
                // Keys given but all empty: the schema's "at least one of" did not see it.
                reader.Error(k.Node, $"a bot needs at least one of {string.Join(", ", OrgSchema.Bot.Keys)}", k.Field);
            }

            return null;
        }

        return new BotDraft(new BotIdentity(email?.Value, gitHub?.Value, gitLab?.Value, pattern?.Value), email, gitHub, gitLab);
    }

    /// <summary>The trimmed text at <paramref name="key"/> with where it is written; null when left out, empty or (reported) not text.</summary>
    private static Located? Text(MappingFields k, string key) =>
        k.String(key) is { } value && k.Value(key) is { } node ? At(value, node, k.Path(key)) : null;

    /// <summary>The trimmed texts of a list (or of a single value written without brackets); a bad item is reported and left out.</summary>
    private static List<Located> Texts(MappingFields k, string key) =>
        [.. k.Texts(key).Select(t => At(t.Value, t.Node, t.Field)).OfType<Located>()];

    private static Located? At(string value, YamlNode node, string field) =>
        value.Trim() is { Length: > 0 } trimmed ? new Located(trimmed, (int)node.Start.Line, (int)node.Start.Column, field) : null;

    private void Error(Located at, string message) =>
        diagnostics.Add(Diagnostic.Error(source, message, at.Line, at.Column, at.Field));
}
