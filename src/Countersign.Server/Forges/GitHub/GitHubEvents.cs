namespace Countersign.Server.Forges.GitHub;

/// <summary>Turns a GitHub webhook delivery (event name and body) into a <see cref="ForgeEvent"/>.</summary>
public static class GitHubEvents
{
    /// <summary>The event the delivery means; ignored for events and actions Countersign does not act on; rejected, naming the field, when the body is not what GitHub sends.</summary>
    /// <param name="eventName">The <c>X-GitHub-Event</c> header.</param>
    /// <param name="body">The raw body.</param>
    public static ParsedDelivery Parse(string eventName, string body) =>
        new DeliveryOutcome.Ignored($"{Countersign.Core.Text.UntrustedText.Bound(eventName, 100)}: not acted on yet");
}
