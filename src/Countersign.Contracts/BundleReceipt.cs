namespace Countersign.Contracts;

/// <summary>
/// The answer to <c>POST /api/v1/repositories/{name}/bundles</c>: the pushed objects are in the server's mirror, named by
/// refs of its own (<see cref="Heads"/>), so the server can build a change whose head no ref of the remote names yet.
/// </summary>
/// <param name="Repository">The registered repository.</param>
/// <param name="Heads">The commits the bundle carried, each with the mirror's ref now naming it.</param>
/// <param name="Prerequisites">The commits the bundle built on, all in the mirror.</param>
/// <param name="Fetched">True when the mirror was fetched first because it lacked a prerequisite.</param>
public sealed record BundleReceipt(string Repository, IReadOnlyList<BundleHead> Heads, IReadOnlyList<string> Prerequisites, bool Fetched);
