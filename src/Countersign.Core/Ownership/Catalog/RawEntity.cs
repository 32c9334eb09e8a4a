namespace Countersign.Core.Ownership.Catalog;

/// <summary>One YAML document as read, before references are resolved. Positions let every later problem point at its line.</summary>
internal sealed class RawEntity(string source, int line, int column)
{
    public string Source { get; } = source;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public bool HasApiVersion { get; set; }
    public RawScalar? Kind { get; set; }
    public RawScalar? Name { get; set; }
    public RawScalar? Namespace { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Type { get; set; }
    public string? Lifecycle { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public Dictionary<string, RawScalar>? Annotations { get; set; }
    public Dictionary<string, RawScalar>? Labels { get; set; }
    public List<string>? Tags { get; set; }
    public List<RawRef> Refs { get; } = [];
    public List<RawScalar>? Targets { get; set; }
}
