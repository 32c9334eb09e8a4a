using Countersign.Core.Diagnostics;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Reads the signature YAML (schema in <c>tool-signatures.yaml</c> and <see cref="SignatureSchema"/>) into a
/// <see cref="SignatureCatalog"/>. Keys, types and bounds are read through the shared YAML kit; which keys a marker
/// kind takes and the regular expressions are checked here. An entry with an error is skipped and reported with its
/// position; the rest of the file still counts.
/// </summary>
internal sealed class SignatureCatalogReader
{
    private readonly string source;
    private readonly List<Diagnostic> diagnostics = [];
    private readonly NodeReader reader;

    private readonly bool buildPatterns;

    private SignatureCatalogReader(string source, bool buildPatterns)
    {
        this.source = source;
        this.buildPatterns = buildPatterns;
        reader = new NodeReader(SignatureSchema.Document, source, diagnostics);
    }

    /// <summary>
    /// Reads <paramref name="yamlText"/>. <paramref name="buildPatterns"/> false skips building each regex to validate it:
    /// only for the shipped catalog, whose patterns a test builds (they are then built on first use).
    /// </summary>
    public static SignatureCatalogParseResult Read(string yamlText, string sourceName, bool buildPatterns = true)
    {
        var reader = new SignatureCatalogReader(sourceName, buildPatterns);
        var catalog = reader.ReadCatalog(yamlText);
        return new SignatureCatalogParseResult(catalog, reader.diagnostics);
    }

    private SignatureCatalog ReadCatalog(string yamlText)
    {
        if (YamlDocumentLoader.Load(yamlText, source, "a signature file", diagnostics) is not { } root
            || reader.Mapping(root, SignatureSchema.Root, "") is not { } k)
        {
            return SignatureCatalog.Empty;
        }

        _ = k.Number("version");
        var tools = new List<ToolSignature>();
        foreach (var (tool, node, field) in Entries(k, "tools", SignatureSchema.Tool, ReadTool, dropOnAnyError: false))
        {
            if (tools.Any(t => t.Id == tool.Id))
            {
                reader.Error(node, $"duplicate tool id '{tool.Id}'", field + ".id");
            }
            else
            {
                tools.Add(tool);
            }
        }

        var identityTrailers = Texts(k, "identity-trailers").Select(t => t.ToLowerInvariant()).Distinct().ToList();
        var naming = Entries(k, "naming-trailers", SignatureSchema.NamingTrailer, ReadNamingTrailer).Select(e => e.Value).ToList();
        var automation = Entries(k, "automation", SignatureSchema.Identity, m => ReadIdentity(m, required: true)).Select(e => e.Value).ToList();
        var declarations = k.Mapping("declarations") is { } d ? ReadDeclarations(d) : HumanDeclarations.None;
        var sessions = k.Mapping("session-trailers") is { } s ? ReadSessionTrailers(s) : SessionTrailers.None;
        var disclosures = k.Mapping("disclosures") is { } x
            ? new ChangeDisclosures(x.Number("confidence") ?? SignatureSchema.DefaultConfidence,
                [.. Texts(x, "labels").Select(l => l.Trim()).Where(l => l.Length > 0)], [.. Texts(x, "phrases").Select(l => l.Trim()).Where(l => l.Length > 0)])
            : ChangeDisclosures.None;
        return new SignatureCatalog(tools, identityTrailers, naming, automation, declarations, sessions, disclosures);
    }

    /// <summary>
    /// The entries of a list of mappings that could be read. An entry with an error is left out — any error when
    /// <paramref name="dropOnAnyError"/> (a marker missing one of its constraints would match more than written),
    /// else one in its own keys (a tool keeps its good markers).
    /// </summary>
    private List<(T Value, YamlNode Node, string Field)> Entries<T>(MappingFields k, string key, ObjectType type, Func<MappingFields, T?> read, bool dropOnAnyError = true)
        where T : class
    {
        var result = new List<(T, YamlNode, string)>();
        var items = k.Items(key) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var errors = reader.ErrorCount;
            var field = $"{k.Path(key)}[{i}]";
            if (reader.Mapping(items[i], type, field) is { } entry && reader.ErrorCount == errors && read(entry) is { } value && (!dropOnAnyError || reader.ErrorCount == errors))
            {
                result.Add((value, items[i], field));
            }
        }

        return result;
    }

    private ToolSignature? ReadTool(MappingFields k)
    {
        var errors = reader.ErrorCount;
        var aliases = Texts(k, "aliases");
        var id = k.String("id");
        var name = k.String("name");
        if (id is null || reader.ErrorCount != errors)
        {
            return null;
        }

        var markers = Entries(k, "markers", SignatureSchema.Marker, ReadMarker).Select(e => e.Value).ToList();
        if (markers.Count == 0 && aliases.Count == 0)
        {
            reader.Warning(k.Node, $"tool '{id}' has no markers and no aliases: it can never be detected", k.Field);
        }

        return new ToolSignature(id, name ?? id, aliases, markers);
    }

    private SignatureMarker? ReadMarker(MappingFields k)
    {
        if (k.Word("kind", SignatureSchema.Kinds) is not { } kind || !k.Only(SignatureSchema.MarkerKeys(kind), $"a {k.String("kind")} marker")
            || k.Word("status", SignatureSchema.Statuses) is not { } status || k.Number("confidence") is not { } confidence
            || !TryRegex(k, "pattern", out var pattern))
        {
            return null;
        }

        var origin = $"{source}:{k.Node.Start.Line}";
        switch (kind)
        {
            case MarkerKind.Trailer:
                if (string.IsNullOrWhiteSpace(k.String("key")))
                {
                    reader.Error(k.Node, "a trailer marker needs 'key'", k.Path("key"));
                    return null;
                }

                // A wrong identity key is reported by ReadIdentity, and an entry with an error is left out.
                return new SignatureMarker(kind, status, confidence, ReadIdentity(k, required: false), Key: k.String("key")!.Trim(),
                    Value: k.String("value"), ValuePrefix: k.String("value-prefix"), Pattern: pattern, Origin: origin);
            case MarkerKind.Footer:
                var text = k.String("text");
                if (string.IsNullOrWhiteSpace(text) == (pattern is null))
                {
                    reader.Error(k.Node, "a footer marker needs exactly one of 'text' or 'pattern'", k.Field);
                    return null;
                }

                return new SignatureMarker(kind, status, confidence, Text: text?.Trim(), Pattern: pattern, Origin: origin);
            case MarkerKind.SessionUrl:
                if (pattern is null)
                {
                    reader.Error(k.Node, "a session-url marker needs 'pattern' (a regular expression for the URL, e.g. \"^https://ampcode\\.com/threads/T-\")", k.Path("pattern"));
                    return null;
                }

                return new SignatureMarker(kind, status, confidence, Pattern: pattern, Origin: origin);
            case MarkerKind.Subject or MarkerKind.Branch:
                var prefix = k.String("prefix");
                if (string.IsNullOrEmpty(prefix) == (pattern is null))
                {
                    reader.Error(k.Node, $"a {k.String("kind")} marker needs exactly one of 'prefix' or 'pattern'", k.Field);
                    return null;
                }

                return new SignatureMarker(kind, status, confidence, Prefix: prefix, Pattern: pattern, Origin: origin);
            default:
                return ReadIdentity(k, required: true) is { } who ? new SignatureMarker(kind, status, confidence, who, Origin: origin) : null;
        }
    }

    /// <summary>The identity keys of <paramref name="k"/>; null when none is given (an error when <paramref name="required"/>) or one is wrong (reported).</summary>
    private IdentityPattern? ReadIdentity(MappingFields k, bool required)
    {
        var errors = reader.ErrorCount;
        if (!TryRegex(k, "email-pattern", out var emailPattern))
        {
            return null;
        }

        var read = new IdentityPattern(
            Email: k.String("email")?.Trim(), GitHubLogin: k.String("github-login")?.Trim(), Name: k.String("name")?.Trim(),
            NamePrefix: k.String("name-prefix"), NameSuffix: k.String("name-suffix"), EmailPattern: emailPattern);
        if (!read.IsEmpty)
        {
            return read;
        }

        if (required && reader.ErrorCount == errors)
        {
            reader.Error(k.Node, $"an identity needs at least one of {string.Join(", ", SignatureSchema.IdentityKeys)}", k.Field);
        }

        return null;
    }

    private NamingTrailer? ReadNamingTrailer(MappingFields k)
    {
        if (string.IsNullOrWhiteSpace(k.String("key")))
        {
            reader.Error(k.Node, "a naming trailer needs 'key'", k.Path("key"));
            return null;
        }

        return new NamingTrailer(k.String("key")!.Trim().ToLowerInvariant(), k.Number("confidence") ?? SignatureSchema.DefaultConfidence, Texts(k, "affirmative"));
    }

    private HumanDeclarations ReadDeclarations(MappingFields k)
    {
        var trailers = Entries(k, "trailers", (ObjectType)k.TypeOf<ArrayType>("trailers").Items, t =>
        {
            if (string.IsNullOrWhiteSpace(t.String("key")) || Texts(t, "values") is not { Count: > 0 } values)
            {
                reader.Error(t.Node, "a declaration trailer needs 'key' and 'values'", t.Field);
                return null;
            }

            return new DeclarationTrailer(t.String("key")!.Trim().ToLowerInvariant(), values);
        });
        var sentences = Texts(k, "sentences").Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        return new HumanDeclarations(k.Number("confidence") ?? SignatureSchema.DefaultConfidence, [.. trailers.Select(t => t.Value)], sentences);
    }

    private SessionTrailers ReadSessionTrailers(MappingFields k)
    {
        var suffixes = new List<string>();
        foreach (var (suffix, node, field) in k.Texts("suffixes"))
        {
            var lower = suffix.Trim().ToLowerInvariant();
            if (lower.Length == 0 || !lower.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || lower[0] == '-')
            {
                reader.Error(node, $"suffix '{UntrustedText.Bound(lower, NodeReader.MaxShown)}' must be lower-case letters, digits and '-' (e.g. session-id)", field);
                continue;
            }

            suffixes.Add(lower);
        }

        return new SessionTrailers(k.Number("confidence") ?? SignatureSchema.DefaultConfidence, suffixes);
    }

    /// <summary>Reads and checks a regular expression: false when it is wrong (reported); null when left out.</summary>
    private bool TryRegex(MappingFields k, string key, out string? pattern)
    {
        pattern = null;
        if (!k.Has(key))
        {
            return true;
        }

        if (k.String(key) is not { } text)
        {
            return false;
        }

        try
        {
            if (buildPatterns)
            {
                _ = SignatureMatcher.CompileRegex(text);
            }

            pattern = text;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            reader.Error(k.Value(key)!, $"invalid regular expression '{UntrustedText.Bound(text, NodeReader.MaxShown)}': {e.Message}", k.Path(key));
            return false;
        }
    }

    private static List<string> Texts(MappingFields k, string key) => [.. k.Texts(key).Select(t => t.Value)];
}
