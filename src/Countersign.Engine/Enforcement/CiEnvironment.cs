namespace Countersign.Engine.Enforcement;

/// <summary>
/// What a CI system says about the change being built — its stable key and branches — as plain values: the host
/// reads its environment (GitHub Actions, GitLab CI) and passes them; the engine never reads variables itself.
/// </summary>
public sealed record CiEnvironment(string? ChangeKey, string? TargetBranch, string? SourceBranch)
{
    public static CiEnvironment None { get; } = new(null, null, null);
}
