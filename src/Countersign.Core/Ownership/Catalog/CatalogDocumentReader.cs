// Over 300 lines on purpose: one event-driven reader whose depth bound, skipping and field dispatch must agree on the
// parser's position at every step (fuzzing found what breaks when they drift); it is kept whole so they are read together.
using Countersign.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Reads one catalog file's documents straight from YamlDotNet's parser events into <see cref="RawEntity"/> values.
/// Only the fields Countersign uses are materialised; everything else (API definitions, links, …) is skipped as
/// events, which is what keeps a catalog load close to the cost of tokenising the YAML once.
/// </summary>
internal sealed class CatalogDocumentReader
{
    private readonly IParser parser;
    private readonly string source;
    private readonly string text;
    private readonly List<Diagnostic> diagnostics;

    private CatalogDocumentReader(string text, string source, List<Diagnostic> diagnostics)
    {
        parser = new Parser(new StringReader(text));
        this.source = source;
        this.text = text;
        this.diagnostics = diagnostics;
    }

    /// <summary>Adds each complete document of <paramref name="text"/> to <paramref name="into"/>; a syntax error ends the file with one diagnostic.</summary>
    public static void Read(string text, string source, List<RawEntity> into, List<Diagnostic> diagnostics) =>
        new CatalogDocumentReader(text, source, diagnostics).ReadStream(into);

    private void ReadStream(List<RawEntity> into)
    {
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var entity = ReadDocument();
                parser.Consume<DocumentEnd>();
                if (entity is not null)
                {
                    into.Add(entity);
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (Exception e) when (Yaml.YamlErrors.IsMalformed(e))
        {
            var (line, column) = Yaml.YamlErrors.Position(e, text);
            diagnostics.Add(Diagnostic.Error(source, $"invalid YAML: {Yaml.YamlErrors.Message(e)}", line, column));
        }
    }

    private RawEntity? ReadDocument()
    {
        if (parser.Current is Scalar { Value: "" } or Scalar { Style: ScalarStyle.Plain, Value: "null" or "~" })
        {
            parser.MoveNext(); // an empty document, e.g. after a trailing '---'
            return null;
        }

        if (!parser.TryConsume<MappingStart>(out var start))
        {
            Error(parser.Current!, "a catalog document must be a mapping with apiVersion, kind, metadata and spec", null);
            Skip();
            return null;
        }

        var entity = new RawEntity(source, (int)start.Start.Line, (int)start.Start.Column);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            switch (Key())
            {
                case "apiVersion":
                    entity.HasApiVersion = Scalar("apiVersion") is not null;
                    break;
                case "kind":
                    entity.Kind = Scalar("kind");
                    break;
                case "metadata":
                    Mapping("metadata", key => ReadMetadata(entity, key));
                    break;
                case "spec":
                    Mapping("spec", key => ReadSpec(entity, key));
                    break;
                default:
                    Skip();
                    break;
            }
        }

        return entity;
    }

    private void ReadMetadata(RawEntity entity, string key)
    {
        switch (key)
        {
            case "name":
                entity.Name = Scalar("metadata.name");
                break;
            case "namespace":
                entity.Namespace = Scalar("metadata.namespace");
                break;
            case "title":
                entity.Title = Scalar("metadata.title")?.Value;
                break;
            case "description":
                entity.Description = Scalar("metadata.description")?.Value;
                break;
            case "annotations":
                entity.Annotations = StringMap("metadata.annotations");
                break;
            case "labels":
                entity.Labels = StringMap("metadata.labels");
                break;
            case "tags":
                var tags = new List<string>();
                List("metadata.tags", (item, _) => tags.Add(item.Value));
                entity.Tags = tags;
                break;
            default:
                Skip();
                break;
        }
    }

    private void ReadSpec(RawEntity entity, string key)
    {
        if (RelationField.Find(key) is { } field)
        {
            if (field.IsList)
            {
                List(field.SpecPath, (item, index) => entity.Refs.Add(new RawRef(field, index, item)));
            }
            else if (Scalar(field.SpecPath) is { } value)
            {
                entity.Refs.Add(new RawRef(field, -1, value));
            }

            return;
        }

        switch (key)
        {
            case "type":
                entity.Type = Scalar("spec.type")?.Value;
                break;
            case "lifecycle":
                entity.Lifecycle = Scalar("spec.lifecycle")?.Value;
                break;
            case "profile":
                Mapping("spec.profile", profileKey =>
                {
                    switch (profileKey)
                    {
                        case "email":
                            entity.Email = Scalar("spec.profile.email")?.Value;
                            break;
                        case "displayName":
                            entity.DisplayName = Scalar("spec.profile.displayName")?.Value;
                            break;
                        default:
                            Skip();
                            break;
                    }
                });
                break;
            case "target":
                if (Scalar("spec.target") is { } target)
                {
                    (entity.Targets ??= []).Add(target);
                }

                break;
            case "targets":
                List("spec.targets", (item, _) => (entity.Targets ??= []).Add(item));
                break;
            default:
                Skip();
                break;
        }
    }

    /// <summary>
    /// Skips the current node and everything it nests, as YamlDotNet's <c>SkipThisAndNestedEvents</c> does, but refuses
    /// nesting deeper than <see cref="Yaml.YamlNesting.MaxDepth"/>: YamlDotNet's scanner works per open flow level for
    /// every token, so a value of 40,000 unclosed <c>{</c> costs quadratic time (a minute of CPU) before it fails.
    /// </summary>
    /// <exception cref="YamlException">Nesting is too deep, or the stream ends inside the node.</exception>
    private void Skip()
    {
        var depth = 0;
        do
        {
            var current = parser.Current ?? throw new YamlException("the file ends inside a value");
            switch (current)
            {
                case MappingStart or SequenceStart when ++depth > Yaml.YamlNesting.MaxDepth:
                    throw new YamlException(current.Start, current.End, $"YAML nested more than {Yaml.YamlNesting.MaxDepth} levels deep");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            if (!parser.MoveNext() && depth > 0)
            {
                throw new YamlException(current.End, current.End, "the file ends inside a value");
            }
        }
        while (depth > 0);
    }

    /// <summary>Consumes a mapping key. Non-scalar keys (legal YAML, never Backstage) are skipped and read as "".</summary>
    private string Key()
    {
        if (parser.TryConsume<Scalar>(out var key))
        {
            return key.Value;
        }

        Skip();
        return "";
    }

    /// <summary>Consumes the next node as a scalar: null for YAML null or when it is not a scalar (reported).</summary>
    /// <remarks><paramref name="index"/> (a list position) is only formatted into the field name when reporting.</remarks>
    private RawScalar? Scalar(string field, int index = -1)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return IsNull(scalar) ? null : new RawScalar(scalar.Value, (int)scalar.Start.Line, (int)scalar.Start.Column);
        }

        var message = parser.Current is AnchorAlias ? "YAML aliases are not supported in catalog files" : "expected a single value";
        Error(parser.Current!, message, index < 0 ? field : $"{field}[{index}]");
        Skip();
        return null;
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private void Mapping(string field, Action<string> readValue)
    {
        if (!parser.TryConsume<MappingStart>(out _))
        {
            if (parser.Current is Scalar scalar && IsNull(scalar))
            {
                parser.MoveNext();
            }
            else
            {
                Error(parser.Current!, "expected a mapping", field);
                Skip();
            }

            return;
        }

        while (!parser.TryConsume<MappingEnd>(out _))
        {
            readValue(Key());
        }
    }

    /// <summary>A sequence of scalars. A lone scalar is accepted as a one-item list, with a warning.</summary>
    private void List(string field, Action<RawScalar, int> add)
    {
        if (parser.Current is Scalar { Value: var text } lone)
        {
            if (Scalar(field) is { } item)
            {
                diagnostics.Add(Diagnostic.Warning(source, $"expected a list, read '{text}' as a one-item list", (int)lone.Start.Line, (int)lone.Start.Column, field));
                add(item, -1);
            }

            return;
        }

        if (!parser.TryConsume<SequenceStart>(out _))
        {
            Error(parser.Current!, "expected a list", field);
            Skip();
            return;
        }

        for (var index = 0; !parser.TryConsume<SequenceEnd>(out _); index++)
        {
            if (Scalar(field, index) is { } item)
            {
                add(item, index);
            }
        }
    }

    private Dictionary<string, RawScalar> StringMap(string field)
    {
        var map = new Dictionary<string, RawScalar>(StringComparer.Ordinal);
        Mapping(field, key =>
        {
            if (Scalar($"{field}.{key}") is { } value)
            {
                map[key] = value;
            }
        });
        return map;
    }

    private void Error(ParsingEvent at, string message, string? field) =>
        diagnostics.Add(Diagnostic.Error(source, message, (int)at.Start.Line, (int)at.Start.Column, field));
}
