namespace Countersign.Data;

/// <summary>
/// What a local deploy gate decided for moving <see cref="Service"/> in <see cref="Environment"/> from
/// <see cref="FromSha"/> (null for a first deploy) to <see cref="ToSha"/>.
/// </summary>
/// <param name="Service">The service deployed.</param>
/// <param name="Environment">Where it was deployed (<c>production</c>, <c>staging</c>).</param>
/// <param name="FromSha">The commit running before, or null when nothing was.</param>
/// <param name="ToSha">The commit to deploy.</param>
/// <param name="Allowed">Whether the gate let the deploy through.</param>
/// <param name="Summary">The gate's result as a JSON document (the changes in the range and their verdicts).</param>
/// <param name="At">When the decision was taken; stored in UTC.</param>
public sealed record LocalDeployDecision(string Service, string Environment, string? FromSha, string ToSha, bool Allowed, string Summary, DateTimeOffset At);
