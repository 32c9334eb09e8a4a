using Countersign.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>The parse stage's output: the YAML syntax tree (every node with its position) of one policy file, and syntax errors.</summary>
internal sealed record ParsedPolicy(string Source, YamlNode? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
