namespace Countersign.Demo;

/// <summary>An AI-assisted commit on main that a later commit may revert: the files before it, and as it left them.</summary>
internal sealed record DemoRevertable(int Mark, string Subject, IReadOnlyDictionary<string, DemoSourceFile?> Before, IReadOnlyList<DemoFileChange> After);
