namespace Countersign.Core.BlastRadius;

/// <summary>What blast radius needs to know about a component: its reference, display name, tier and owner.</summary>
public sealed record ComponentFacts(string Ref, string Name, int? Tier, string? Owner);
