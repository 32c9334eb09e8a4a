using Countersign.Core.BlastRadius;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Provenance;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Policy.Schema;

/// <summary>Every closed set of words in the policy format, with what each word compiles to.</summary>
internal static class PolicyVocabulary
{
    public static Vocabulary<ProvenanceStatus> Statuses { get; } = new(
        ("ai", ProvenanceStatus.Ai), ("ai-suggested", ProvenanceStatus.AiSuggested), ("human-declared", ProvenanceStatus.HumanDeclared), ("unknown", ProvenanceStatus.Unknown));

    public static Vocabulary<BlastClass> BlastClasses { get; } = new(
        ("contained", BlastClass.Contained), ("service", BlastClass.Service), ("multi-service", BlastClass.MultiService), ("critical", BlastClass.Critical));

    public static Vocabulary<ComponentScope> Scopes { get; } = new(
        ("touched", ComponentScope.Touched), ("reached", ComponentScope.Reached), ("affected", ComponentScope.Affected));

    /// <summary><c>match: all</c> requires every contributor to match.</summary>
    public static Vocabulary<bool> Match { get; } = new(("any", false), ("all", true));

    public static Vocabulary<DayOfWeek> Days { get; } = new(
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday));

    public static Vocabulary<RuleMode> Modes { get; } = new(("enforce", RuleMode.Enforce), ("warn", RuleMode.Warn));

    public static Vocabulary<StalenessMode> Staleness { get; } = new(
        ("any-change", StalenessMode.AnyChange), ("rule-paths", StalenessMode.RulePaths), ("never", StalenessMode.Never));

    public static Vocabulary<OwnerSource> OwnerSources { get; } = new(
        ("affected", OwnerSource.Affected), ("consumers", OwnerSource.Consumers), ("codeowners", OwnerSource.Codeowners));
}
