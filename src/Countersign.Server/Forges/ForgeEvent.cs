namespace Countersign.Server.Forges;

/// <summary>
/// What a webhook delivery means, whichever forge sent it: the forge parsers (<c>GitHubEvents</c>, <c>GitLabEvents</c>)
/// turn a payload into these, and <see cref="ForgeEventProcessor"/> acts on them with the engine. Every string in here
/// came from a payload: untrusted, shown only through <c>UntrustedText</c>, never believed about content (the server
/// builds every change from its own mirror).
/// </summary>
public abstract record ForgeEvent
{
    private ForgeEvent(ForgeKind forge, ForgeRepository repository)
    {
        Forge = forge;
        Repository = repository;
    }

    public ForgeKind Forge { get; }

    public ForgeRepository Repository { get; }

    /// <summary>A pull or merge request was opened, got new commits, was edited, relabelled, reopened or marked ready.</summary>
    /// <remarks>
    /// <c>Request</c>: The request as the payload describes it.<br/>
    /// <c>Action</c>: The forge's action word (opened, synchronize, update, …), for the log and the audit record.<br/>
    /// </remarks>
    public sealed record RequestChanged(ForgeKind Forge, ForgeRepository Repository, ForgeRequest Request, string Action) : ForgeEvent(Forge, Repository);

    /// <summary>A pull or merge request was closed or merged: nothing more is published for it.</summary>
    public sealed record RequestClosed(ForgeKind Forge, ForgeRepository Repository, int Number, bool Merged) : ForgeEvent(Forge, Repository);

    /// <summary>
    /// A review: an approval, a request for changes (a rejection), or the withdrawal of an earlier one (a dismissal on
    /// GitHub, an unapproval on GitLab), by the forge user <paramref name="Reviewer"/>, of the commit <paramref name="CommitSha"/>.
    /// </summary>
    /// <remarks>
    /// <c>ReviewId</c>: The forge's id of the review (GitHub review id; GitLab: the delivery's own key), for idempotency.<br/>
    /// <c>CommitSha</c>: The head the reviewer saw; null when the forge does not say (then the request's head at the time).<br/>
    /// </remarks>
    public sealed record Reviewed(
        ForgeKind Forge, ForgeRepository Repository, int Number, ForgeUser Reviewer, ReviewVerdict Verdict, string? CommitSha, string ReviewId, string? Body)
        : ForgeEvent(Forge, Repository)
    {
        /// <summary>
        /// The request as the review's payload describes it, when it does (GitHub's <c>pull_request_review</c> and
        /// GitLab's merge request hook both carry it): lets a review that arrives before its request's own event build
        /// the change first instead of being dropped.
        /// </summary>
        public ForgeRequest? Request { get; init; }
    }

    /// <summary>A push to a branch; <paramref name="Paths"/> are the paths the payload lists as touched (a hint: the mirror decides).</summary>
    public sealed record Pushed(ForgeKind Forge, ForgeRepository Repository, string Branch, string Before, string After, bool IsDefaultBranch, IReadOnlyList<string> Paths)
        : ForgeEvent(Forge, Repository);

    /// <summary>Someone asked for the verdict on <paramref name="HeadSha"/> again (check suite or check run re-requested).</summary>
    public sealed record Rerequested(ForgeKind Forge, ForgeRepository Repository, string HeadSha) : ForgeEvent(Forge, Repository);

    /// <summary>A merge queue built a group: evaluate its head (the commits the queue will merge) against its base.</summary>
    public sealed record MergeGroup(ForgeKind Forge, ForgeRepository Repository, string HeadSha, string HeadRef, string BaseSha, string BaseRef, string Action)
        : ForgeEvent(Forge, Repository);

    /// <summary>An installation gained (or lost) repositories: register and mirror the added ones.</summary>
    public sealed record Installed(ForgeKind Forge, ForgeRepository Repository, IReadOnlyList<ForgeRepository> Added, IReadOnlyList<ForgeRepository> Removed, string Action)
        : ForgeEvent(Forge, Repository);
}

/// <summary>A repository on a forge.</summary>
/// <remarks>
/// <c>FullName</c>: owner/repo (GitHub) or group/…/project (GitLab); also its name in Countersign.<br/>
/// <c>CloneUrl</c>: Where the mirror fetches it from.<br/>
/// <c>ForgeId</c>: The forge's numeric id of the repository or project (GitLab's API addresses projects by it).<br/>
/// <c>Installation</c>: GitHub: the App installation whose token reaches it; null on GitLab.<br/>
/// <c>DefaultBranch</c>: The default branch, when the payload says.<br/>
/// </remarks>
public sealed record ForgeRepository(string FullName, string CloneUrl, long ForgeId, long? Installation, string? DefaultBranch);

/// <summary>A forge account: login (GitHub) or username (GitLab), and its numeric id.</summary>
public sealed record ForgeUser(string Login, long Id, bool IsBot);

/// <summary>What a review says.</summary>
public enum ReviewVerdict
{
    Approved,
    ChangesRequested,
    Withdrawn,
    Commented,
}

/// <summary>A pull or merge request as its payload describes it.</summary>
/// <remarks>
/// <c>Number</c>: GitHub's number, GitLab's iid.<br/>
/// <c>HeadSha</c>: The request's head commit.<br/>
/// <c>BaseRef</c>: The branch it goes into.<br/>
/// <c>HeadRef</c>: The branch it comes from (in the fork, for a fork's request).<br/>
/// <c>Body</c>: The description (template checkboxes live here); null when empty.<br/>
/// </remarks>
public sealed record ForgeRequest(
    int Number, string Title, string? Body, string HeadSha, string HeadRef, string BaseRef, string? BaseSha,
    IReadOnlyList<string> Labels, ForgeUser Author, bool Draft);
