using Countersign.Engine.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What a new set-up still lacks for its policy's sign-offs to be possible at all — people with levels in the org
/// directory, and owners (CODEOWNERS or a catalog) where a rule asks for an owner — each with the file to add and a
/// minimal example. <c>init</c> prints it; <c>check</c> says the same per rule when a rule's eligible set is empty.
/// </summary>
public static class SetUpAdvice
{
    /// <summary>One missing piece: what, why, and an example to paste (lines, already indented by the caller).</summary>
    public sealed record Item(string What, IReadOnlyList<string> Example);

    public static IReadOnlyList<Item> Missing(TrustedConfiguration configuration, CompiledPolicy policy)
    {
        var items = new List<Item>();
        var org = configuration.Directory;
        var directory = configuration.DirectorySource;
        var levels = policy.Rules.SelectMany(r => Filters(r.Requires.From)).Select(f => f.Level).OfType<LevelRange>().Distinct().ToList();
        if (org.People.Count == 0 || org.People.All(p => p.Emails.All(e => e.EndsWith("@example.com", StringComparison.OrdinalIgnoreCase))))
        {
            items.Add(new($"{directory} names no real people yet: replace the example with your people — the e-mails they commit with, their GitHub handle, their level and team.",
                ["people:", "  - id: jane", "    name: Jane Doe", "    emails: [jane@yourcompany.com]", "    github: jane-doe", "    level: senior", "    teams: [platform]"]));
        }
        else if (levels.FirstOrDefault(l => !org.People.Any(p => l.Contains(org, p.Level))) is { } unmet)
        {
            items.Add(new($"no person in {directory} is at level {unmet}, which the policy's sign-offs need: give your senior people their level.", ["    level: senior"]));
        }

        var sources = policy.Rules.SelectMany(r => Filters(r.Requires.From)).SelectMany(f => f.Owners ?? []).ToHashSet();
        var hasCodeowners = configuration.Ownership.Codeowners is not null;
        var hasCatalog = configuration.Ownership.Catalog.Components.Count > 0;
        if (sources.Count > 0 && !hasCodeowners && !hasCatalog)
        {
            var rules = policy.Rules.Where(r => Filters(r.Requires.From).Any(f => f.Owners is { Count: > 0 })).Select(r => r.Name);
            items.Add(new($"nobody owns any code: no CODEOWNERS file and no Backstage catalog, so {string.Join(", ", rules)} can never be signed off (it needs an owner). "
                + $"Add .github/CODEOWNERS, whose team slugs match team ids in {directory}:",
                ["/src/ @your-org/platform", "*      @your-org/platform"]));
            items.Add(new("or describe each service in a catalog-info.yaml beside its code (the folder it sits in is the component's code):",
                ["apiVersion: backstage.io/v1alpha1", "kind: Component", "metadata:", "  name: payments", "spec:", "  type: service", "  lifecycle: production", "  owner: group:platform"]));
        }

        return items;
    }

    private static IEnumerable<ApproverFilter> Filters(ApproverSet set) => set switch
    {
        ApproverUnion union => union.Options.SelectMany(Filters),
        ApproverFilter filter => [filter],
        _ => [],
    };
}
