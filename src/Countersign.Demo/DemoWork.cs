namespace Countersign.Demo;

/// <summary>What an ordinary change did to the tree: its area, a subject and body describing it, and the blocks it wrote.</summary>
internal sealed record DemoWork(DemoArea Area, string Subject, string Body, IReadOnlyList<DemoAddedBlock> Added);
