using YamlDotNet.RepresentationModel;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// What one policy file says on its own, before the files it extends are merged in: its <c>extends</c> and
/// <c>disable</c> entries (with their nodes, for errors), its rules, freezes, break-glass and protected branches
/// (null when the file does not set them), and the reader that reports problems in it.
/// </summary>
internal sealed record PolicyLayer(
    NodeReader Reader,
    IReadOnlyList<(string Path, YamlNode Node)> Extends,
    IReadOnlyList<(string Name, YamlNode Node)> Disable,
    IReadOnlyList<LayerRule> Rules,
    IReadOnlyList<(FreezeWindow Freeze, YamlNode NameNode, string Field)> Freezes,
    BreakGlassPolicy? BreakGlass,
    IReadOnlyList<PolicyGlob>? ProtectedBranches);
