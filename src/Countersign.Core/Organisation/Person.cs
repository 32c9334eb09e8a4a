namespace Countersign.Core.Organisation;

/// <summary>
/// Someone in the organisation. <see cref="Id"/> is the stable key every other record refers to; e-mails and
/// handles are how commits and reviews are matched to the person (see <see cref="IdentityResolver"/>).
/// A person with no <see cref="Level"/> never counts as being at any level.
/// </summary>
/// <param name="Id">Unique, case-sensitive person id.</param>
/// <param name="Name">Display name; never used to match commits.</param>
/// <param name="Emails">E-mail addresses the person commits with, compared case-insensitively.</param>
/// <param name="GitHub">GitHub login, without a leading <c>@</c>.</param>
/// <param name="GitLab">GitLab username, without a leading <c>@</c>.</param>
/// <param name="Level">One of <see cref="OrgDirectory.Levels"/>, or null when unknown.</param>
/// <param name="Teams">Ids of the teams the person belongs to directly.</param>
/// <param name="Manager">Person id of the manager, if any.</param>
public sealed record Person(
    string Id,
    string Name,
    IReadOnlyList<string> Emails,
    string? GitHub = null,
    string? GitLab = null,
    string? Level = null,
    IReadOnlyList<string>? Teams = null,
    string? Manager = null)
{
    public IReadOnlyList<string> Teams { get; init; } = Teams ?? [];

    public override string ToString() => Name == Id ? Id : $"{Name} ({Id})";
}
