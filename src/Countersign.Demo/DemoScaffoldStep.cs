namespace Countersign.Demo;

/// <summary>One of the first commits that lay out the monorepo: who made it, what it says, and what it writes.</summary>
internal sealed record DemoScaffoldStep(DemoPerson Author, string Subject, string Body, Action Apply);
