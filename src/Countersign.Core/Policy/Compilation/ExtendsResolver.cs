using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Compiles a policy file with the files it extends, depth first, and merges them. Extended files come first, in
/// the order listed (a later one's rule replaces an earlier one's of the same name); then the file's own
/// <c>disable</c> drops inherited rules and its own rules replace or add to them. A <c>locked</c> rule can be
/// neither dropped nor replaced. Freezes add up and cannot be replaced. <c>break_glass</c> and
/// <c>protected_branches</c> are inherited unless the file sets its own. A file reached twice (two extended
/// policies sharing a base) is compiled once and merged once.
/// </summary>
internal sealed class ExtendsResolver(OrgDirectory org, Func<string, (string Text, string Source)?> readExtended, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, MergedPolicy?> compiled = new(StringComparer.Ordinal);

    public MergedPolicy? Resolve(ParsedPolicy parsed) => Resolve(parsed, "", [("", parsed.Source)]);

    /// <param name="parsed">The file.</param>
    /// <param name="path">Its path relative to the root policy's folder ("" for the root policy).</param>
    /// <param name="chain">The files extending it, root first (path and source), for cycle and depth checks.</param>
    private MergedPolicy? Resolve(ParsedPolicy parsed, string path, List<(string Path, string Source)> chain)
    {
        if (LayerCompiler.Compile(parsed, org, diagnostics) is not { } layer)
        {
            return null;
        }

        var reader = layer.Reader;
        var merged = new MergedPolicy();
        foreach (var (entry, node) in layer.Extends)
        {
            if (Include(ExtendsPath.Resolve(path, entry), entry, node, reader, chain) is { } inherited)
            {
                Inherit(merged, inherited, node, reader);
            }
            else
            {
                merged.Complete = false;
            }
        }

        foreach (var (name, node) in layer.Disable)
        {
            Disable(merged, name, node, reader, layer.Extends.Count);
        }

        foreach (var local in layer.Rules)
        {
            var index = merged.Rules.FindIndex(r => r.Rule.Name == local.Rule.Name);
            if (index >= 0 && merged.Rules[index].Locked)
            {
                reader.Error(local.NameNode, $"rule '{local.Rule.Name}' is locked by {merged.Rules[index].Rule.Position.Source} and cannot be replaced", local.Field + ".name");
            }
            else if (index >= 0)
            {
                merged.Rules[index] = local;
            }
            else
            {
                merged.Rules.Add(local);
            }
        }

        foreach (var (freeze, nameNode, field) in layer.Freezes)
        {
            if (merged.Freezes.Find(f => f.Name == freeze.Name) is { } inherited)
            {
                reader.Error(nameNode, $"freeze '{freeze.Name}' is already defined by {inherited.Position.Source}; inherited freezes cannot be replaced, so give this one another name", field + ".name");
            }
            else
            {
                merged.Freezes.Add(freeze);
            }
        }

        merged.BreakGlass = layer.BreakGlass ?? merged.BreakGlass;
        merged.ProtectedBranches = layer.ProtectedBranches ?? merged.ProtectedBranches;
        merged.Complete &= reader.ErrorCount == 0;
        return merged;
    }

    /// <summary>Compiles the extended file at <paramref name="path"/> once; null (reported) when it cannot be read or closes a cycle.</summary>
    private MergedPolicy? Include(string path, string entry, YamlNode node, NodeReader reader, List<(string Path, string Source)> chain)
    {
        if (chain.Any(c => c.Path == path))
        {
            reader.Error(node, $"policies extend each other in a cycle: {Cycle(chain, chain.First(c => c.Path == path).Source)}", "extends");
            return null;
        }

        if (compiled.TryGetValue(path, out var done))
        {
            return done;
        }

        if (chain.Count > PolicyCompiler.MaxExtendsDepth)
        {
            reader.Error(node, $"policies extend each other more than {PolicyCompiler.MaxExtendsDepth} levels deep", "extends");
            return null;
        }

        if (readExtended(path) is not { } file)
        {
            var resolved = path == entry ? "" : $" (resolved to '{UntrustedText.Bound(path, NodeReader.MaxShown)}')";
            reader.Error(node, $"cannot read extended policy '{UntrustedText.Bound(entry, NodeReader.MaxShown)}'{resolved}: no such file (paths are relative to the file that names them)", "extends");
            return null;
        }

        if (chain.Any(c => c.Source == file.Source))
        {
            reader.Error(node, $"policies extend each other in a cycle: {Cycle(chain, file.Source)}", "extends");
            return null;
        }

        var parsed = PolicyParser.Parse(file.Text, file.Source);
        diagnostics.AddRange(parsed.Diagnostics);
        var result = Resolve(parsed, path, [.. chain, (path, file.Source)]);
        compiled[path] = result;
        return result;
    }

    /// <summary>Merges one extended policy into what the file inherits so far.</summary>
    private static void Inherit(MergedPolicy merged, MergedPolicy inherited, YamlNode node, NodeReader reader)
    {
        foreach (var rule in inherited.Rules)
        {
            var index = merged.Rules.FindIndex(r => r.Rule.Name == rule.Rule.Name);
            if (index < 0)
            {
                merged.Rules.Add(rule);
            }
            else if (merged.Rules[index].Rule.Position == rule.Rule.Position)
            {
                // The same definition reached twice (a shared base): nothing to merge.
            }
            else if (merged.Rules[index].Locked)
            {
                reader.Error(node, $"rule '{rule.Rule.Name}' of {rule.Rule.Position.Source} would replace the rule locked by {merged.Rules[index].Rule.Position.Source}", "extends");
            }
            else
            {
                merged.Rules[index] = rule;
            }
        }

        foreach (var freeze in inherited.Freezes)
        {
            var same = merged.Freezes.Find(f => f.Name == freeze.Name);
            if (same is null)
            {
                merged.Freezes.Add(freeze);
            }
            else if (same.Position != freeze.Position)
            {
                reader.Error(node, $"freeze '{freeze.Name}' is defined by both {same.Position.Source} and {freeze.Position.Source}", "extends");
            }
        }

        merged.BreakGlass = inherited.BreakGlass ?? merged.BreakGlass;
        merged.ProtectedBranches = inherited.ProtectedBranches ?? merged.ProtectedBranches;
        merged.Complete &= inherited.Complete;
    }

    private static void Disable(MergedPolicy merged, string name, YamlNode node, NodeReader reader, int extendsCount)
    {
        var index = merged.Rules.FindIndex(r => r.Rule.Name == name);
        if (index >= 0 && merged.Rules[index].Locked)
        {
            reader.Error(node, $"rule '{name}' is locked by {merged.Rules[index].Rule.Position.Source} and cannot be disabled", "disable");
        }
        else if (index >= 0)
        {
            merged.Rules.RemoveAt(index);
        }
        else if (extendsCount == 0)
        {
            reader.Error(node, $"nothing to disable: this file extends no policy (disable drops rules of the policies in extends)", "disable");
        }
        else if (merged.Complete)
        {
            reader.Error(node, $"no inherited rule '{UntrustedText.Bound(name, NodeReader.MaxShown)}' to disable{Spelling.DidYouMean(name, merged.Rules.Select(r => r.Rule.Name))}; inherited: {string.Join(", ", merged.Rules.Select(r => r.Rule.Name))}", "disable");
        }
    }

    private static string Cycle(List<(string Path, string Source)> chain, string again) =>
        string.Join(" → ", chain.Select(c => c.Source).Append(again));
}
