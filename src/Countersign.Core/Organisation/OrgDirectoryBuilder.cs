using Countersign.Core.Diagnostics;

namespace Countersign.Core.Organisation;

/// <summary>
/// The checks both readers share: unique ids, references to levels, teams and managers that exist, no cycles in team
/// parents, and no e-mail, handle or no-reply address claimed twice (<see cref="IdentityClaims"/>, the check SCIM uses too). Each problem is reported at the value that causes it and the value
/// is left out, so the directory that comes out is always consistent. An e-mail or handle claimed by two people is
/// reported but kept on both: <see cref="IdentityResolver"/> then refuses to pick one, rather than guessing.
/// </summary>
internal sealed class OrgDirectoryBuilder(string source, List<Diagnostic> diagnostics)
{
    private readonly IdentityClaims claims = new();

    /// <summary>Teams with duplicate ids dropped, unknown parents cleared and each parent cycle broken at its first team in file order.</summary>
    public List<Team> BuildTeams(IReadOnlyList<TeamDraft> drafts)
    {
        var kept = new OrderedDictionary<string, TeamDraft>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (kept.TryGetValue(draft.Id.Value, out var first))
            {
                Error(draft.Id, $"duplicate team id '{draft.Id.Value}' (first defined on line {first.Id.Line})");
            }
            else
            {
                kept.Add(draft.Id.Value, draft);
            }
        }

        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, draft) in kept)
        {
            parents[id] = null;
            if (draft.Parent is { } parent)
            {
                if (kept.ContainsKey(parent.Value))
                {
                    parents[id] = parent.Value;
                }
                else
                {
                    Error(parent, $"unknown parent team '{parent.Value}'{Spelling.DidYouMean(parent.Value, kept.Keys)}");
                }
            }
        }

        foreach (var id in kept.Keys)
        {
            var path = new List<string> { id };
            var current = parents[id];
            while (current is not null && current != id && !path.Contains(current, StringComparer.Ordinal))
            {
                path.Add(current);
                current = parents[current];
            }

            if (current == id)
            {
                path.Add(id);
                Error(kept[id].Parent!.Value, $"team parents form a cycle: {string.Join(" → ", path)}; '{id}' is left without a parent");
                parents[id] = null;
            }
        }

        return kept.Values.Select(d => new Team(d.Id.Value, d.Name?.Value ?? d.Id.Value, parents[d.Id.Value])).ToList();
    }

    /// <summary>
    /// Checks people and bots against the levels and teams. With <paramref name="createMissingTeams"/> (a CSV with no team
    /// list) a team a person names is created rather than reported.
    /// </summary>
    public OrgDirectory Build(
        IReadOnlyList<string> levels,
        IReadOnlyList<Team> teams,
        IReadOnlyList<PersonDraft> personDrafts,
        IReadOnlyList<BotDraft> botDrafts,
        bool createMissingTeams)
    {
        var allTeams = teams.ToList();
        var teamIds = teams.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var drafts = new OrderedDictionary<string, PersonDraft>(StringComparer.Ordinal);
        foreach (var draft in personDrafts)
        {
            if (drafts.TryGetValue(draft.Id.Value, out var first))
            {
                Error(draft.Id, $"duplicate person id '{draft.Id.Value}' (first defined on line {first.Id.Line})");
            }
            else
            {
                drafts.Add(draft.Id.Value, draft);
            }
        }

        var people = new List<Person>();
        foreach (var draft in drafts.Values)
        {
            var id = draft.Id.Value;
            var owner = $"person '{id}'";
            var emails = new List<string>();
            foreach (var email in draft.Emails)
            {
                if (!email.Value.Contains('@'))
                {
                    Error(email, $"'{email.Value}' is not an e-mail address");
                }
                else if (emails.Contains(email.Value, StringComparer.OrdinalIgnoreCase))
                {
                    Warning(email, $"e-mail '{email.Value}' is listed twice for '{id}'");
                }
                else
                {
                    Claim(email, IdentityKey.OfEmail(email.Value), owner);
                    emails.Add(email.Value);
                }
            }

            var gitHub = Handle(draft.GitHub, HandlePlatform.GitHub, owner);
            var gitLab = Handle(draft.GitLab, HandlePlatform.GitLab, owner);
            if (emails.Count == 0 && gitHub is null && gitLab is null)
            {
                Warning(draft.Id, $"person '{id}' has no e-mail or handle: no commit or review can be matched to them");
            }

            string? level = null;
            if (draft.Level is { } levelValue)
            {
                if (levels.Contains(levelValue.Value, StringComparer.Ordinal))
                {
                    level = levelValue.Value;
                }
                else
                {
                    Error(levelValue, $"unknown level '{levelValue.Value}'{Spelling.DidYouMean(levelValue.Value, levels)}; the levels are {string.Join(", ", levels)}");
                }
            }

            var memberOf = new List<string>();
            foreach (var team in draft.Teams)
            {
                if (!teamIds.Contains(team.Value) && createMissingTeams)
                {
                    teamIds.Add(team.Value);
                    allTeams.Add(new Team(team.Value, team.Value));
                }

                if (!teamIds.Contains(team.Value))
                {
                    Error(team, $"unknown team '{team.Value}'{Spelling.DidYouMean(team.Value, teamIds)}");
                }
                else if (!memberOf.Contains(team.Value, StringComparer.Ordinal))
                {
                    memberOf.Add(team.Value);
                }
            }

            string? manager = null;
            if (draft.Manager is { } managerValue)
            {
                if (managerValue.Value == id)
                {
                    Error(managerValue, $"'{id}' cannot be their own manager");
                }
                else if (!drafts.ContainsKey(managerValue.Value))
                {
                    Error(managerValue, $"unknown manager '{managerValue.Value}': no person has that id{Spelling.DidYouMean(managerValue.Value, drafts.Keys)}");
                }
                else
                {
                    manager = managerValue.Value;
                }
            }

            people.Add(new Person(id, draft.Name?.Value ?? id, emails, gitHub, gitLab, level, memberOf, manager));
        }

        foreach (var bot in botDrafts)
        {
            if (bot.Email is { } email)
            {
                Claim(email, IdentityKey.OfEmail(email.Value), IdentityClaims.BotOwner);
            }

            Handle(bot.GitHub, HandlePlatform.GitHub, IdentityClaims.BotOwner);
            Handle(bot.GitLab, HandlePlatform.GitLab, IdentityClaims.BotOwner);
        }

        return new OrgDirectory(levels, allTeams, people, botDrafts.Select(b => b.Bot).ToList());
    }

    private string? Handle(Located? value, HandlePlatform platform, string owner)
    {
        if (value is not { } handle)
        {
            return null;
        }

        Claim(handle, [IdentityKey.OfHandle(platform, handle.Value)], owner);
        return handle.Value;
    }

    /// <summary>Claims through the directory's one uniqueness check (<see cref="IdentityClaims"/>); a conflict is an error at the value.</summary>
    private void Claim(Located value, IEnumerable<IdentityKey> keys, string owner)
    {
        foreach (var conflict in claims.Claim(owner, keys, $"line {value.Line}"))
        {
            Error(value, $"{conflict}: it will not be resolved to either");
        }
    }

    private void Error(Located at, string message) => diagnostics.Add(Diagnostic.Error(source, message, at.Line, at.Column, at.Field));

    private void Warning(Located at, string message) => diagnostics.Add(Diagnostic.Warning(source, message, at.Line, at.Column, at.Field));
}
