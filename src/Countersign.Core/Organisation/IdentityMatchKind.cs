namespace Countersign.Core.Organisation;

/// <summary>How an identity was matched to a person or bot, from strongest evidence to none.</summary>
public enum IdentityMatchKind
{
    /// <summary>Nothing in the directory claims the identity.</summary>
    Unresolved,

    /// <summary>Several people (or a person and a bot) claim the same e-mail or handle; none is picked.</summary>
    Ambiguous,

    /// <summary>The e-mail is listed for the person or bot (case-insensitive).</summary>
    Email,

    /// <summary>A GitHub noreply address (<c>[id+]login@users.noreply.github.com</c>) whose login is the person's or bot's GitHub handle.</summary>
    GitHubNoreply,

    /// <summary>A GitLab noreply address (<c>id-username@users.noreply.gitlab.com</c>) whose username is the person's or bot's GitLab handle.</summary>
    GitLabNoreply,

    /// <summary>A platform login given directly (a reviewer, a PR author) is the person's or bot's handle.</summary>
    Handle,

    /// <summary>Nothing matched exactly, but the name or login matches a bot's name pattern.</summary>
    BotNamePattern,
}
