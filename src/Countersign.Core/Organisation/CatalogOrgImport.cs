using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Organisation;

/// <summary>
/// Feeds a Backstage catalog's Groups and Users into an organisation directory: groups become teams (with their
/// parent), users become people (display name, profile e-mail, <c>memberOf</c> and group <c>members</c>). A user's
/// level comes from the annotation <see cref="LevelAnnotation"/> when present; the catalog has no other notion of
/// seniority, so people without it have no level (and never count as senior).
/// </summary>
internal static class CatalogOrgImport
{
    public const string LevelAnnotation = "countersign.io/level";

    public static OrgDirectoryParseResult Import(Catalog catalog, IReadOnlyList<string>? levels = null)
    {
        var levelList = levels ?? OrgDirectory.DefaultLevels;
        var diagnostics = new List<Diagnostic>();
        var teams = catalog.Groups
            .GroupBy(g => Id(g.Ref), StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(g => new Team(Id(g.Ref), g.DisplayName ?? g.Ref.Name, g.Parent is { } p && catalog.Find(p) is not null ? Id(p) : null))
            .ToList();

        var membersByGroup = catalog.Groups.SelectMany(g => g.Members.Select(m => (Member: Id(m), Team: Id(g.Ref))))
            .ToLookup(x => x.Member, x => x.Team, StringComparer.Ordinal);
        var knownTeams = teams.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var people = new List<Person>();
        foreach (var user in catalog.Users.GroupBy(u => Id(u.Ref), StringComparer.Ordinal).Select(g => g.First()))
        {
            var entity = catalog.Find(user.Ref);
            string? level = null;
            if (entity?.Annotations.GetValueOrDefault(LevelAnnotation) is { } raw)
            {
                if (levelList.Contains(raw, StringComparer.Ordinal))
                {
                    level = raw;
                }
                else
                {
                    diagnostics.Add(Diagnostic.Warning(entity.Position.Source,
                        $"unknown level '{raw}' for user {user.Ref}; allowed: {string.Join(", ", levelList)}",
                        entity.Position.Line, entity.Position.Column, $"metadata.annotations.{LevelAnnotation}"));
                }
            }

            var id = Id(user.Ref);
            var memberOf = user.MemberOf.Select(Id).Concat(membersByGroup[id]).Where(knownTeams.Contains).Distinct(StringComparer.Ordinal).ToList();
            people.Add(new Person(id, user.DisplayName ?? user.Ref.Name, user.Email is { Length: > 0 } e ? [e] : [], Level: level, Teams: memberOf));
        }

        return new OrgDirectoryParseResult(new OrgDirectory(levelList, teams, people, []), diagnostics);
    }

    /// <summary>The name alone in the default namespace, <c>namespace/name</c> elsewhere.</summary>
    private static string Id(EntityRef entityRef) =>
        entityRef.Namespace == EntityRef.DefaultNamespace ? entityRef.Name : $"{entityRef.Namespace}/{entityRef.Name}";
}
