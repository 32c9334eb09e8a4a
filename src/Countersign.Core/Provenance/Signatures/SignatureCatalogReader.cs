using System.Globalization;
using System.Text.RegularExpressions;
using Countersign.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Reads the signature YAML (schema in <c>tool-signatures.yaml</c>) into a <see cref="SignatureCatalog"/>.
/// Bad entries are skipped and reported with their position; the rest of the file still counts.
/// </summary>
internal sealed class SignatureCatalogReader
{
    private const double DefaultConfidence = 0.9;
    private static readonly Regex ToolId = new("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, MarkerKind> Kinds = new(StringComparer.Ordinal)
    {
        ["identity"] = MarkerKind.Identity, ["author"] = MarkerKind.Author, ["committer"] = MarkerKind.Committer,
        ["co-author"] = MarkerKind.CoAuthor, ["trailer"] = MarkerKind.Trailer, ["footer"] = MarkerKind.Footer,
        ["subject"] = MarkerKind.Subject, ["branch"] = MarkerKind.Branch, ["session-url"] = MarkerKind.SessionUrl,
    };

    private static readonly string[] IdentityFields = ["email", "github-login", "name", "name-prefix", "name-suffix", "email-pattern"];
    private static readonly string[] CommonMarkerFields = ["kind", "status", "confidence", "note"];
    private static readonly string[] TrailerValueFields = ["key", "value", "value-prefix", "pattern"];

    private readonly string source;
    private readonly bool buildPatterns;
    private readonly List<Diagnostic> diagnostics = [];

    private SignatureCatalogReader(string source, bool buildPatterns)
    {
        this.source = source;
        this.buildPatterns = buildPatterns;
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
        var stream = new YamlStream();
        try
        {
            if (Yaml.YamlNesting.FirstTooDeep(yamlText) is { } deep)
            {
                diagnostics.Add(Diagnostic.Error(source, $"YAML nested more than {Yaml.YamlNesting.MaxDepth} levels deep", (int)deep.Line, (int)deep.Column));
                return SignatureCatalog.Empty;
            }

            Yaml.YamlNesting.Load(stream, yamlText);
        }
        catch (Exception e) when (Yaml.YamlErrors.IsMalformed(e))
        {
            var (line, column) = Yaml.YamlErrors.Position(e, yamlText);
            diagnostics.Add(Diagnostic.Error(source, $"invalid YAML: {Yaml.YamlErrors.Message(e)}", line, column));
            return SignatureCatalog.Empty;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return SignatureCatalog.Empty;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "the file must be a mapping with sections such as 'tools:'", null);
            return SignatureCatalog.Empty;
        }

        var tools = new List<ToolSignature>();
        var identityTrailers = new List<string>();
        var namingTrailers = new List<NamingTrailer>();
        var automation = new List<IdentityPattern>();
        var declarations = HumanDeclarations.None;
        var sessionTrailers = SessionTrailers.None;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            switch (key)
            {
                case "version":
                    if (Scalar(value, key) is { } version && version != "1")
                    {
                        Error(value, $"unsupported schema version '{version}' (expected 1)", key);
                    }

                    break;
                case "identity-trailers":
                    identityTrailers.AddRange(StringList(value, key).Select(k => k.ToLowerInvariant()));
                    break;
                case "naming-trailers":
                    namingTrailers.AddRange(Items(value, key).Select(i => ReadNamingTrailer(i.Node, i.Field)).OfType<NamingTrailer>());
                    break;
                case "tools":
                    foreach (var (node, field) in Items(value, key))
                    {
                        if (ReadTool(node, field) is { } tool)
                        {
                            if (tools.Any(t => t.Id == tool.Id))
                            {
                                Error(node, $"duplicate tool id '{tool.Id}'", field + ".id");
                            }
                            else
                            {
                                tools.Add(tool);
                            }
                        }
                    }

                    break;
                case "automation":
                    foreach (var (node, field) in Items(value, key))
                    {
                        if (node is YamlMappingNode map && CheckFields(map, field, IdentityFields)
                            && TryReadIdentity(map, field, required: true, out var identity) && identity is not null)
                        {
                            automation.Add(identity);
                        }
                        else if (node is not YamlMappingNode)
                        {
                            Error(node, "expected a mapping with identity fields (email, github-login, …)", field);
                        }
                    }

                    break;
                case "declarations":
                    declarations = ReadDeclarations(value, key);
                    break;
                case "session-trailers":
                    sessionTrailers = ReadSessionTrailers(value, key);
                    break;
                default:
                    Error(keyNode, $"unknown section '{key}' (expected version, identity-trailers, naming-trailers, session-trailers, tools, automation, declarations)", key);
                    break;
            }
        }

        return new SignatureCatalog(tools, identityTrailers.Distinct().ToList(), namingTrailers, automation, declarations, sessionTrailers);
    }

    private ToolSignature? ReadTool(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "expected a tool mapping with id, name, aliases and markers", field);
            return null;
        }

        if (!CheckFields(map, field, ["id", "name", "aliases", "markers"]))
        {
            return null;
        }

        var id = Scalar(Get(map, "id"), field + ".id");
        if (id is null)
        {
            Error(map, "tool has no 'id'", field + ".id");
            return null;
        }

        if (!ToolId.IsMatch(id))
        {
            Error(Get(map, "id")!, $"tool id '{id}' must be lower-case letters, digits and '-'", field + ".id");
            return null;
        }

        var name = Scalar(Get(map, "name"), field + ".name") ?? id;
        var aliases = Get(map, "aliases") is { } a ? StringList(a, field + ".aliases") : [];
        var markers = new List<SignatureMarker>();
        if (Get(map, "markers") is { } markerNodes)
        {
            foreach (var (markerNode, markerField) in Items(markerNodes, field + ".markers"))
            {
                if (ReadMarker(markerNode, markerField) is { } marker)
                {
                    markers.Add(marker);
                }
            }
        }

        if (markers.Count == 0 && aliases.Count == 0)
        {
            Warning(map, $"tool '{id}' has no markers and no aliases: it can never be detected", field);
        }

        return new ToolSignature(id, name, aliases, markers);
    }

    private SignatureMarker? ReadMarker(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "expected a marker mapping with 'kind'", field);
            return null;
        }

        var kindText = Scalar(Get(map, "kind"), field + ".kind");
        if (kindText is null)
        {
            Error(map, "marker has no 'kind'", field + ".kind");
            return null;
        }

        if (!Kinds.TryGetValue(kindText, out var kind))
        {
            Error(Get(map, "kind")!, $"unknown marker kind '{kindText}' (expected {string.Join(", ", Kinds.Keys)})", field + ".kind");
            return null;
        }

        string[] allowed = kind switch
        {
            MarkerKind.Identity or MarkerKind.Author or MarkerKind.Committer or MarkerKind.CoAuthor => [.. CommonMarkerFields, .. IdentityFields],
            MarkerKind.Trailer => [.. CommonMarkerFields, .. TrailerValueFields, .. IdentityFields],
            MarkerKind.Footer => [.. CommonMarkerFields, "text", "pattern"],
            MarkerKind.SessionUrl => [.. CommonMarkerFields, "pattern"],
            _ => [.. CommonMarkerFields, "prefix", "pattern"],
        };
        if (!CheckFields(map, field, allowed))
        {
            return null;
        }

        var status = ReadStatus(map, field);
        var confidence = ReadConfidence(map, field, DefaultConfidence);
        if (status is null || confidence is null)
        {
            return null;
        }

        if (!TryReadRegex(map, "pattern", field, out var pattern))
        {
            return null;
        }

        var origin = $"{source}:{map.Start.Line}";
        switch (kind)
        {
            case MarkerKind.Trailer:
            {
                var key = Scalar(Get(map, "key"), field + ".key");
                if (string.IsNullOrWhiteSpace(key))
                {
                    Error(map, "a trailer marker needs 'key'", field + ".key");
                    return null;
                }

                if (!TryReadIdentity(map, field, required: false, out var identity))
                {
                    return null;
                }

                return new SignatureMarker(kind, status.Value, confidence.Value, identity, Key: key.Trim(),
                    Value: Scalar(Get(map, "value"), field + ".value"), ValuePrefix: Scalar(Get(map, "value-prefix"), field + ".value-prefix"),
                    Pattern: pattern, Origin: origin);
            }

            case MarkerKind.Footer:
            {
                var text = Scalar(Get(map, "text"), field + ".text");
                if (string.IsNullOrWhiteSpace(text) == (pattern is null))
                {
                    Error(map, "a footer marker needs exactly one of 'text' or 'pattern'", field);
                    return null;
                }

                return new SignatureMarker(kind, status.Value, confidence.Value, Text: text?.Trim(), Pattern: pattern, Origin: origin);
            }

            case MarkerKind.SessionUrl:
            {
                if (pattern is null)
                {
                    Error(map, "a session-url marker needs 'pattern' (a regular expression for the URL, e.g. \"^https://ampcode\\.com/threads/T-\")", field + ".pattern");
                    return null;
                }

                return new SignatureMarker(kind, status.Value, confidence.Value, Pattern: pattern, Origin: origin);
            }

            case MarkerKind.Subject or MarkerKind.Branch:
            {
                var prefix = Scalar(Get(map, "prefix"), field + ".prefix");
                if (string.IsNullOrEmpty(prefix) == (pattern is null))
                {
                    Error(map, $"a {kindText} marker needs exactly one of 'prefix' or 'pattern'", field);
                    return null;
                }

                return new SignatureMarker(kind, status.Value, confidence.Value, Prefix: prefix, Pattern: pattern, Origin: origin);
            }

            default:
            {
                return TryReadIdentity(map, field, required: true, out var identity)
                    ? new SignatureMarker(kind, status.Value, confidence.Value, identity, Origin: origin)
                    : null;
            }
        }
    }

    /// <summary>Reads the identity fields of <paramref name="map"/>: false on error (reported); null identity when none is given.</summary>
    private bool TryReadIdentity(YamlMappingNode map, string field, bool required, out IdentityPattern? identity)
    {
        identity = null;
        if (!TryReadRegex(map, "email-pattern", field, out var emailPattern))
        {
            return false;
        }

        var read = new IdentityPattern(
            Email: Scalar(Get(map, "email"), field + ".email")?.Trim(),
            GitHubLogin: Scalar(Get(map, "github-login"), field + ".github-login")?.Trim(),
            Name: Scalar(Get(map, "name"), field + ".name")?.Trim(),
            NamePrefix: Scalar(Get(map, "name-prefix"), field + ".name-prefix"),
            NameSuffix: Scalar(Get(map, "name-suffix"), field + ".name-suffix"),
            EmailPattern: emailPattern);
        if (!read.IsEmpty)
        {
            identity = read;
            return true;
        }

        if (required)
        {
            Error(map, "an identity needs at least one of email, github-login, name, name-prefix, name-suffix, email-pattern", field);
            return false;
        }

        return true;
    }

    private NamingTrailer? ReadNamingTrailer(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "expected a mapping with 'key'", field);
            return null;
        }

        if (!CheckFields(map, field, ["key", "confidence", "affirmative"]))
        {
            return null;
        }

        var key = Scalar(Get(map, "key"), field + ".key");
        var confidence = ReadConfidence(map, field, DefaultConfidence);
        if (string.IsNullOrWhiteSpace(key))
        {
            Error(map, "a naming trailer needs 'key'", field + ".key");
            return null;
        }

        var affirmatives = Get(map, "affirmative") is { } a ? StringList(a, field + ".affirmative") : [];
        return confidence is null ? null : new NamingTrailer(key.Trim().ToLowerInvariant(), confidence.Value, affirmatives);
    }

    private HumanDeclarations ReadDeclarations(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map || !CheckFields(map, field, ["confidence", "trailers", "sentences"]))
        {
            if (node is not YamlMappingNode)
            {
                Error(node, "expected a mapping with confidence, trailers and sentences", field);
            }

            return HumanDeclarations.None;
        }

        var confidence = ReadConfidence(map, field, DefaultConfidence) ?? DefaultConfidence;
        var trailers = new List<DeclarationTrailer>();
        if (Get(map, "trailers") is { } trailerNodes)
        {
            foreach (var (item, itemField) in Items(trailerNodes, field + ".trailers"))
            {
                if (item is not YamlMappingNode trailerMap || !CheckFields(trailerMap, itemField, ["key", "values"]))
                {
                    if (item is not YamlMappingNode)
                    {
                        Error(item, "expected a mapping with key and values", itemField);
                    }

                    continue;
                }

                var key = Scalar(Get(trailerMap, "key"), itemField + ".key");
                var values = Get(trailerMap, "values") is { } v ? StringList(v, itemField + ".values") : [];
                if (string.IsNullOrWhiteSpace(key) || values.Count == 0)
                {
                    Error(trailerMap, "a declaration trailer needs 'key' and 'values'", itemField);
                    continue;
                }

                trailers.Add(new DeclarationTrailer(key.Trim().ToLowerInvariant(), values));
            }
        }

        var sentences = Get(map, "sentences") is { } s ? StringList(s, field + ".sentences").Where(x => x.Trim().Length > 0).Select(x => x.Trim()).ToList() : [];
        return new HumanDeclarations(confidence, trailers, sentences);
    }

    private SessionTrailers ReadSessionTrailers(YamlNode node, string field)
    {
        if (node is not YamlMappingNode map || !CheckFields(map, field, ["confidence", "suffixes"]))
        {
            if (node is not YamlMappingNode)
            {
                Error(node, "expected a mapping with confidence and suffixes", field);
            }

            return SessionTrailers.None;
        }

        var confidence = ReadConfidence(map, field, DefaultConfidence) ?? DefaultConfidence;
        var suffixes = new List<string>();
        if (Get(map, "suffixes") is { } suffixNodes)
        {
            foreach (var (item, itemField) in Items(suffixNodes, field + ".suffixes"))
            {
                var suffix = Scalar(item, itemField)?.Trim().ToLowerInvariant();
                if (suffix is null || !ToolId.IsMatch(suffix))
                {
                    Error(item, $"suffix '{suffix}' must be lower-case letters, digits and '-' (e.g. session-id)", itemField);
                    continue;
                }

                suffixes.Add(suffix);
            }
        }

        return new SessionTrailers(confidence, suffixes);
    }

    private ProvenanceStatus? ReadStatus(YamlMappingNode map, string field)
    {
        var text = Scalar(Get(map, "status"), field + ".status");
        switch (text)
        {
            case null or "ai":
                return ProvenanceStatus.Ai;
            case "ai-suggested":
                return ProvenanceStatus.AiSuggested;
            case "unknown":
                return ProvenanceStatus.Unknown;
            default:
                Error(Get(map, "status")!, $"unknown status '{text}' (expected ai, ai-suggested or unknown)", field + ".status");
                return null;
        }
    }

    private double? ReadConfidence(YamlMappingNode map, string field, double fallback)
    {
        if (Get(map, "confidence") is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, field + ".confidence");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        Error(node, $"confidence '{text}' must be a number from 0 to 1", field + ".confidence");
        return null;
    }

    /// <summary>Reads and validates a regex field: false when bad (reported); null pattern when absent.</summary>
    private bool TryReadRegex(YamlMappingNode map, string name, string field, out string? pattern)
    {
        pattern = null;
        if (Get(map, name) is not { } node)
        {
            return true;
        }

        var text = Scalar(node, $"{field}.{name}");
        if (text is null)
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
            Error(node, $"invalid regular expression '{text}': {e.Message}", $"{field}.{name}");
            return false;
        }
    }

    private bool CheckFields(YamlMappingNode map, string field, string[] allowed)
    {
        var ok = true;
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                Error(key, $"unknown field '{name}' (expected {string.Join(", ", allowed)})", $"{field}.{name}");
                ok = false;
            }
        }

        return ok;
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private string? Scalar(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            default:
                Error(node, "expected a single value", field);
                return null;
        }
    }

    /// <summary>A sequence of scalars (a lone scalar counts as a one-item list).</summary>
    private List<string> StringList(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } single })
        {
            return [single];
        }

        var result = new List<string>();
        foreach (var (item, itemField) in Items(node, field))
        {
            if (Scalar(item, itemField) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private IEnumerable<(YamlNode Node, string Field)> Items(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
        {
            if (node is not YamlScalarNode { Value: null or "" })
            {
                Error(node, "expected a list", field);
            }

            return [];
        }

        return sequence.Children.Select((child, i) => (child, $"{field}[{i}]"));
    }

    private void Error(YamlNode node, string message, string? field) =>
        diagnostics.Add(Diagnostic.Error(source, message, (int)node.Start.Line, (int)node.Start.Column, field));

    private void Warning(YamlNode node, string message, string? field) =>
        diagnostics.Add(Diagnostic.Warning(source, message, (int)node.Start.Line, (int)node.Start.Column, field));
}
