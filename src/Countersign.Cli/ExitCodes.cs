namespace Countersign.Cli;

/// <summary>
/// The documented exit-code contract of every command (docs/cli.md). Enforcement commands added later
/// use 1 for "pending or rejected"; scanning never returns it.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The change is not (yet) allowed: sign-offs pending or rejected.</summary>
    public const int NotSatisfied = 1;

    /// <summary>Usage or configuration error: bad arguments, not a repository, unknown revision, invalid config.</summary>
    public const int UsageOrConfig = 2;

    /// <summary>Infrastructure error: the database or git failed underneath us.</summary>
    public const int Infrastructure = 3;
}
