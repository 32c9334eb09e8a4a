namespace Countersign.Core.Yaml;

/// <summary>What a YAML scalar is under the YAML 1.2 core schema — what editors and JSON Schema validators see.</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
