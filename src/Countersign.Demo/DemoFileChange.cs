namespace Countersign.Demo;

/// <summary>A file's whole content after a commit, or null when the commit deletes it.</summary>
internal sealed record DemoFileChange(string Path, byte[]? Content);
