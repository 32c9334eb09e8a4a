using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>A compiled rule as one file defines it: whether it is <c>locked</c>, and its name's node and field path for errors about it.</summary>
internal sealed record LayerRule(PolicyRule Rule, bool Locked, YamlNode NameNode, string Field);
