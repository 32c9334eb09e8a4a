namespace Countersign.Core.Ownership.Codeowners;

/// <summary>A whitespace-separated word of a CODEOWNERS line, escapes kept, with its 1-based column.</summary>
internal readonly record struct CodeownersToken(string Text, int Column);
