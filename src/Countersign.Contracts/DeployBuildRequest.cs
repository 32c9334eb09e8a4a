namespace Countersign.Contracts;

/// <summary>
/// Asks the server to decide a deploy of a registered repository itself (<c>POST /api/v1/deploys</c> with no policy and
/// no changes): it fetches its mirror, reads the catalog and policy at <see cref="To"/>, and builds every change landed
/// between <see cref="From"/> and <see cref="To"/> that touches or reaches the service — never from the client's facts.
/// </summary>
/// <param name="Repository">A registered repository's name.</param>
/// <param name="Service">The catalog component deployed (its name or reference).</param>
/// <param name="Environment">Where it is deployed (freezes may name environments).</param>
/// <param name="From">The commit running now; null for a first deploy (the whole history ships).</param>
/// <param name="To">The commit to deploy; a ref of the remote must reach it.</param>
public sealed record DeployBuildRequest(string Repository, string Service, string Environment, string? From, string To);
