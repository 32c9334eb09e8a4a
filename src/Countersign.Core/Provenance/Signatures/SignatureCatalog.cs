using Countersign.Core.History;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Everything Countersign knows about how AI tools mark commits: tools with their markers and aliases, the trailers
/// that carry identities or name tools, automation identities, and human declarations. Immutable; compiled once on
/// construction so that classifying a commit is a handful of dictionary probes.
/// <see cref="Default"/> is the shipped <c>tool-signatures.yaml</c>; an organisation's file is read with
/// <see cref="Parse"/> and added with <see cref="Merge"/>.
/// </summary>
public sealed class SignatureCatalog
{
    /// <summary>Logical name of the embedded shipped signature file.</summary>
    public const string ResourceName = "Countersign.Core.tool-signatures.yaml";

    /// <summary>The source name of the shipped catalog in diagnostics.</summary>
    internal const string BuiltInSource = "tool-signatures.yaml (built in)";

    private static readonly Lazy<SignatureCatalog> DefaultCatalog = new(LoadDefault);

    private readonly Lazy<DisclosureMatcher> disclosureMatcher;

    internal SignatureCatalog(
        IReadOnlyList<ToolSignature> tools,
        IReadOnlyList<string> identityTrailers,
        IReadOnlyList<NamingTrailer> namingTrailers,
        IReadOnlyList<IdentityPattern> automation,
        HumanDeclarations declarations,
        SessionTrailers? sessionTrailers = null,
        ChangeDisclosures? disclosures = null)
    {
        Tools = tools;
        IdentityTrailers = identityTrailers;
        NamingTrailers = namingTrailers;
        Automation = automation;
        Declarations = declarations;
        SessionTrailers = sessionTrailers ?? SessionTrailers.None;
        Disclosures = disclosures ?? ChangeDisclosures.None;
        Matcher = new SignatureMatcher(this);
        disclosureMatcher = new Lazy<DisclosureMatcher>(() => new DisclosureMatcher(Disclosures, Tools));
    }

    /// <summary>The shipped catalog (embedded <c>tool-signatures.yaml</c>), loaded once.</summary>
    public static SignatureCatalog Default => DefaultCatalog.Value;

    /// <summary>A catalog that detects nothing.</summary>
    public static SignatureCatalog Empty { get; } = new([], [], [], [], HumanDeclarations.None);

    public IReadOnlyList<ToolSignature> Tools { get; }

    /// <summary>Lower-case trailer keys whose value is an identity (<c>co-authored-by</c>, …).</summary>
    public IReadOnlyList<string> IdentityTrailers { get; }

    public IReadOnlyList<NamingTrailer> NamingTrailers { get; }

    /// <summary>Identities of automation that is not AI authorship (dependabot, renovate, CI and release bots).</summary>
    public IReadOnlyList<IdentityPattern> Automation { get; }

    public HumanDeclarations Declarations { get; }

    /// <summary>Session-suffix trailer keys (<c>&lt;Tool&gt;-Session</c>, …).</summary>
    public SessionTrailers SessionTrailers { get; }

    /// <summary>How pull and merge requests disclose AI assistance (labels, checked description checkboxes).</summary>
    public ChangeDisclosures Disclosures { get; }

    internal SignatureMatcher Matcher { get; }

    /// <summary>
    /// Reads a signature file (schema documented in the shipped <c>tool-signatures.yaml</c>). Never throws on bad input:
    /// invalid entries are left out and reported as diagnostics with <paramref name="sourceName"/>, line, column and field.
    /// </summary>
    public static SignatureCatalogParseResult Parse(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);
        return SignatureCatalogReader.Read(yamlText, sourceName);
    }

    /// <summary>
    /// A new catalog with <paramref name="extra"/> added: new tool ids are appended; for an existing id the markers and
    /// aliases are appended (and a different name replaces the old); every other list is unioned, and
    /// <paramref name="extra"/>'s naming trailers replace same-key ones. Neither input changes.
    /// </summary>
    public SignatureCatalog Merge(SignatureCatalog extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var tools = Tools.ToList();
        foreach (var tool in extra.Tools)
        {
            var at = tools.FindIndex(t => t.Id == tool.Id);
            if (at < 0)
            {
                tools.Add(tool);
                continue;
            }

            var old = tools[at];
            tools[at] = new ToolSignature(
                old.Id,
                tool.Name == tool.Id ? old.Name : tool.Name,
                old.Aliases.Concat(tool.Aliases).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                old.Markers.Concat(tool.Markers).ToList());
        }

        var naming = NamingTrailers.Where(n => extra.NamingTrailers.All(e => e.Key != n.Key)).Concat(extra.NamingTrailers).ToList();
        var declarations = new HumanDeclarations(
            extra.Declarations.Trailers.Count + extra.Declarations.Sentences.Count > 0 ? extra.Declarations.Confidence : Declarations.Confidence,
            Declarations.Trailers.Concat(extra.Declarations.Trailers).ToList(),
            Declarations.Sentences.Concat(extra.Declarations.Sentences).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        return new SignatureCatalog(
            tools,
            IdentityTrailers.Concat(extra.IdentityTrailers).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            naming,
            Automation.Concat(extra.Automation).Distinct().ToList(),
            declarations,
            new SessionTrailers(
                extra.SessionTrailers.Suffixes.Count > 0 ? extra.SessionTrailers.Confidence : SessionTrailers.Confidence,
                SessionTrailers.Suffixes.Concat(extra.SessionTrailers.Suffixes).Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
            new ChangeDisclosures(
                extra.Disclosures.Labels.Count + extra.Disclosures.Phrases.Count > 0 ? extra.Disclosures.Confidence : Disclosures.Confidence,
                Disclosures.Labels.Concat(extra.Disclosures.Labels).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                Disclosures.Phrases.Concat(extra.Disclosures.Phrases).Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
    }

    /// <summary>The tool with this id, or null.</summary>
    public ToolSignature? FindTool(string id) => Tools.FirstOrDefault(t => t.Id == id);

    /// <summary>
    /// True when <paramref name="identity"/> is automation that is not AI authorship (dependabot, renovate, GitHub
    /// Actions, release bots, any other GitHub App). An identity that is an AI tool's marker is never automation.
    /// </summary>
    public bool IsAutomation(GitIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Matcher.IsAutomation(identity);
    }

    /// <summary>Evidence from a pull request's branch name (<c>copilot/…</c>, <c>codex/…</c>); empty when none matches.</summary>
    public IReadOnlyList<Evidence> MatchBranch(string branchName)
    {
        ArgumentNullException.ThrowIfNull(branchName);
        return Matcher.MatchBranch(branchName);
    }

    /// <summary>
    /// Evidence from a request's labels: a label listed under <c>disclosures.labels</c> (<c>ai-assisted</c>) or equal to a
    /// tool's id (<c>copilot</c>, <c>claude-code</c>) discloses AI assistance; empty when none does.
    /// </summary>
    public IReadOnlyList<Evidence> MatchLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return disclosureMatcher.Value.MatchLabels(labels);
    }

    /// <summary>
    /// Evidence from a request's description: each <em>checked</em> checkbox (<c>- [x] …</c>) whose text holds a phrase of
    /// <c>disclosures.phrases</c> or names a known tool, and negates nothing ("no AI was used" never counts). Unchecked
    /// boxes, plain prose, code blocks, quotes and HTML comments never count.
    /// </summary>
    public IReadOnlyList<Evidence> MatchDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return disclosureMatcher.Value.MatchDescription(description);
    }

    private static SignatureCatalog LoadDefault()
    {
        using var stream = typeof(SignatureCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from Countersign.Core");
        using var reader = new StreamReader(stream);
        // Its patterns are built on first use, not to validate them: a test builds every one (building all costs more
        // than the rest of loading the catalog).
        var result = SignatureCatalogReader.Read(reader.ReadToEnd(), BuiltInSource, buildPatterns: false);
        return result.HasErrors
            ? throw new InvalidOperationException("the built-in tool-signatures.yaml is invalid: " + string.Join("; ", result.Diagnostics))
            : result.Catalog;
    }
}
