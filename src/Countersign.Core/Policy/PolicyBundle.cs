namespace Countersign.Core.Policy;

/// <summary>
/// The policy as CI read it from the target branch: its text, where it came from, and the files it extends (by the
/// relative path the policy names), so the server compiles exactly what the CLI would.
/// </summary>
public sealed record PolicyBundle(string Source, string Text, IReadOnlyDictionary<string, string>? Files = null);
