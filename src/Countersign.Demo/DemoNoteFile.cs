namespace Countersign.Demo;

/// <summary>The lines of one file a git-ai note attributes to the AI session and to a known human.</summary>
internal sealed record DemoNoteFile(string Path, IReadOnlyList<DemoLineRange> AiLines, IReadOnlyList<DemoLineRange> HumanLines);
