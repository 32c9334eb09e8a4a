using Countersign.Core.Organisation;

namespace Countersign.Engine.Enforcement;

/// <summary>Finds the person behind what a reviewer typed: a person id, an e-mail, or a GitHub/GitLab <c>@handle</c>.</summary>
public static class IdentityMatchSubject
{
    public static Person? Find(OrgDirectory org, IdentityResolver identities, string identity, out string why)
    {
        var value = identity.Trim();
        if (org.FindPerson(value) is { } byId)
        {
            why = "person id";
            return byId;
        }

        var match = value.Contains('@', StringComparison.Ordinal) && !value.StartsWith('@')
            ? identities.Resolve("", value)
            : identities.ResolveHandle(HandlePlatform.GitHub, value.TrimStart('@')) is { IsResolved: true } gh ? gh : identities.ResolveHandle(HandlePlatform.GitLab, value.TrimStart('@'));
        if (match.IsBot)
        {
            why = "it is a bot; bots never sign off";
            return null;
        }

        why = match.Explanation;
        return match.Person;
    }
}
