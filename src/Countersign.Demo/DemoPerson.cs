namespace Countersign.Demo;

/// <summary>
/// Someone (or some bot) who commits to the demo monorepo. <see cref="Level"/> uses the organisation model's
/// words (junior, mid, senior, staff, principal) and "bot" for automation, so an org directory can be derived
/// from <see cref="DemoPeople.All"/>.
/// </summary>
public sealed record DemoPerson(string Name, string Email, string Handle, int GitHubId, string Level, string Team, TimeSpan UtcOffset)
{
    public bool IsBot => Level == "bot";

    /// <summary>The GitHub no-reply address, as Copilot's agent writes it into its <c>Co-authored-by</c> trailer.</summary>
    public string GitHubNoReplyEmail => $"{GitHubId}+{Handle}@users.noreply.github.com";

    internal DemoSignature Signature => new(Name, Email, UtcOffset);
}
