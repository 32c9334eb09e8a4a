using System.Text.RegularExpressions;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>
/// The reference stays true: every complete example in docs/policy.md compiles (against <see cref="PolicyTestOrg.Org"/>,
/// whose teams and people the examples use), and it documents every key the format has.
/// </summary>
public sealed partial class PolicyDocsTests
{
    internal static string Docs(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", file);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Countersign.slnx")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"docs/{file} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// The complete policies in docs/policy.md: ```yaml blocks that start with <c>version: 1</c>, or with
    /// <c># file: PATH</c> — a shared policy other examples extend by that path.
    /// </summary>
    internal static List<(string? File, string Text)> Examples() =>
        [.. YamlBlock().Matches(File.ReadAllText(Docs("policy.md")))
            .Select(m => m.Groups[1].Value)
            .Where(b => b.StartsWith("version: 1", StringComparison.Ordinal) || b.StartsWith("# file: ", StringComparison.Ordinal))
            .Select(b => (b.StartsWith('#') ? b[8..].Split(' ', '\n')[0] : null, b))];

    [Fact]
    public void EveryCompletePolicyInTheReferenceCompilesWithoutErrors()
    {
        var examples = Examples();
        Assert.True(examples.Count >= 6, $"found {examples.Count} examples");
        var files = examples.Where(e => e.File is not null).ToDictionary(e => e.File!, e => e.Text);
        foreach (var (file, text) in examples)
        {
            var result = PolicyLoader.Load(text, file ?? "docs/policy.md", PolicyTestOrg.Org, path => files.TryGetValue(path, out var shared) ? (shared, path) : null);
            Assert.True(!result.HasErrors && result.Policy is not null, text + "\n" + string.Join("\n", result.Diagnostics));
        }
    }

    [Fact]
    public void TheReferenceDocumentsEveryKeyAndEveryWord()
    {
        var reference = File.ReadAllText(Docs("policy.md"));
        var keys = new[] { PolicySchema.Root, PolicySchema.Rule, PolicySchema.Freeze, PolicySchema.BreakGlass, PolicySchema.Requires }
            .Concat(PolicySchema.Definitions.Values)
            .SelectMany(Keys)
            .Distinct(StringComparer.Ordinal);
        Assert.All(keys, key => Assert.Contains($"`{key}`", reference, StringComparison.Ordinal));
        var words = new[] { PolicyVocabulary.Statuses.Names, PolicyVocabulary.BlastClasses.Names, PolicyVocabulary.Scopes.Names, PolicyVocabulary.Modes.Names,
            PolicyVocabulary.Staleness.Names, PolicyVocabulary.OwnerSources.Names, PolicyVocabulary.Match.Names }.SelectMany(w => w);
        Assert.All(words, word => Assert.Contains($"`{word}`", reference, StringComparison.Ordinal));
    }

    [Fact]
    public void TheReferenceShowsTheDefaultPolicyAsInitWritesIt()
    {
        var shown = Compile.Valid(Examples().First(e => e.Text.Contains("name: ai-assisted-below-senior", StringComparison.Ordinal) && e.File is null).Text);
        var written = Compile.Valid(DefaultPolicy.Text);
        Assert.Equal(Describe(written), Describe(shown));
    }

    private static string Describe(Countersign.Core.Policy.CompiledPolicy policy) => string.Join("\n",
        policy.Rules.Select(r => $"{r.Name} {r.Mode} {r.Description} {(r.If is null ? "" : CompiledText.Of(r.If))} {r.Requires.Count} {CompiledText.Of(r.Requires.From)} {r.Requires.DistinctTeams} {r.Requires.InvalidateOn}")
            .Concat(policy.Freezes.Select(f => $"{f.Name} {f.Window} {string.Join(",", f.Branches ?? [])} {(f.Except is null ? "" : CompiledText.Of(f.Except))}"))
            .Append($"{policy.BreakGlass?.MinReasonLength} {policy.BreakGlass?.ReviewWithin} {(policy.BreakGlass is null ? "" : CompiledText.Of(policy.BreakGlass.Allowed))}")
            .Append(string.Join(",", policy.ProtectedBranches)));

    private static IEnumerable<string> Keys(ObjectType type) =>
        type.Properties.SelectMany(p => PolicySchema.Resolve(p.Type) is ObjectType inline && !PolicySchema.Definitions.Values.Contains(inline)
            ? Keys(inline).Prepend(p.Key)
            : [p.Key]);

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
