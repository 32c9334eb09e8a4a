using Countersign.Core.Changes;
using Countersign.Core.Organisation;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>What one evaluation sees: the change, the organisation, how to resolve owners to people, and the time.</summary>
public sealed class EvaluationContext
{
    public EvaluationContext(ChangeFacts change, OrgDirectory org, IdentityResolver identities, DateTimeOffset now)
    {
        Change = change;
        Org = org;
        Identities = identities;
        Now = now;
        Owners = new OwnerResolver(org, identities);
    }

    public ChangeFacts Change { get; }

    public OrgDirectory Org { get; }

    public IdentityResolver Identities { get; }

    public OwnerResolver Owners { get; }

    public DateTimeOffset Now { get; }

    /// <summary>How messages name the organisation directory: its file for the CLI (<c>.countersign/org.yaml</c>), or the server's directory.</summary>
    public string DirectoryName { get; init; } = "the org directory";

    /// <summary>The environment a deploy goes to (the deploy gate sets it); freezes that name environments apply only then.</summary>
    public string? Environment { get; init; }

    /// <summary>The accountable author, if resolved to a person.</summary>
    public Person? Author => Change.PeopleIn(ParticipantRole.Author) is { Count: > 0 } authors ? authors[0] : null;
}
