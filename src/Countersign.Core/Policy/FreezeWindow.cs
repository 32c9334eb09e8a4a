using Countersign.Core.Policy.Conditions;

namespace Countersign.Core.Policy;

/// <summary>
/// A period in which changes must not land or ship: during <see cref="Window"/>, for the given branches, services
/// (components touched) and environments (deploy gate) — each list, when given, must match — unless
/// <see cref="Except"/> holds (a <c>hotfix</c> label, say). Break-glass is the way through otherwise.
/// </summary>
public sealed record FreezeWindow(
    string Name,
    string? Reason,
    TimeWindow Window,
    IReadOnlyList<PolicyGlob>? Branches,
    IReadOnlyList<string>? Services,
    IReadOnlyList<string>? Environments,
    ICondition? Except,
    SourceSpan Position);
