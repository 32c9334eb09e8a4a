namespace Countersign.Demo;

/// <summary>Lines a commit wrote as one piece (a new file, or a block inserted into one): what line-level provenance can claim.</summary>
internal sealed record DemoAddedBlock(string Path, DemoLineRange Lines);
