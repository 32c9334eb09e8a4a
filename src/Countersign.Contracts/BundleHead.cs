namespace Countersign.Contracts;

/// <summary>A commit a received bundle carried, and the ref of the server's mirror that now names it.</summary>
/// <param name="Commit">The commit's id.</param>
/// <param name="Ref">Where it is in the mirror: <c>refs/countersign/incoming/ID/heads/main</c>.</param>
public sealed record BundleHead(string Commit, string Ref);
