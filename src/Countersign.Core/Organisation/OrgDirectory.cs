namespace Countersign.Core.Organisation;

/// <summary>
/// The organisation: its ordered levels, teams (a forest through <see cref="Team.Parent"/>), people and bots.
/// Immutable and indexed on construction. Ids and level names are case-sensitive.
/// Read one with <see cref="OrgDirectoryReader"/> (YAML) or <see cref="OrgDirectoryCsvReader"/> (CSV); both
/// guarantee the references are consistent. Built directly (e.g. from SCIM), dangling team parents, team cycles
/// and unknown levels are tolerated: ancestry stops at them and an unknown level ranks as no level.
/// </summary>
public sealed class OrgDirectory
{
    private readonly Dictionary<string, int> levelRanks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Team> teamsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person> peopleById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Team>> childTeams = new(StringComparer.Ordinal);

    /// <summary>Creates a directory.</summary>
    /// <exception cref="ArgumentException">A level, team id or person id appears twice.</exception>
    public OrgDirectory(IReadOnlyList<string> levels, IReadOnlyList<Team> teams, IReadOnlyList<Person> people, IReadOnlyList<BotIdentity> bots)
    {
        Levels = levels;
        Teams = teams;
        People = people;
        Bots = bots;
        for (var i = 0; i < levels.Count; i++)
        {
            if (!levelRanks.TryAdd(levels[i], i))
            {
                throw new ArgumentException($"level '{levels[i]}' is listed twice", nameof(levels));
            }
        }

        foreach (var team in teams)
        {
            if (!teamsById.TryAdd(team.Id, team))
            {
                throw new ArgumentException($"team id '{team.Id}' is used twice", nameof(teams));
            }
        }

        foreach (var team in teams.Where(t => t.Parent is not null))
        {
            if (!childTeams.TryGetValue(team.Parent!, out var children))
            {
                childTeams[team.Parent!] = children = [];
            }

            children.Add(team);
        }

        foreach (var person in people)
        {
            if (!peopleById.TryAdd(person.Id, person))
            {
                throw new ArgumentException($"person id '{person.Id}' is used twice", nameof(people));
            }
        }
    }

    /// <summary>The levels most organisations use, lowest first; used when a directory file declares none.</summary>
    public static IReadOnlyList<string> DefaultLevels { get; } = ["intern", "junior", "mid", "senior", "staff", "principal"];

    public static OrgDirectory Empty { get; } = new(DefaultLevels, [], [], []);

    /// <summary>Levels from lowest to highest.</summary>
    public IReadOnlyList<string> Levels { get; }

    public IReadOnlyList<Team> Teams { get; }

    public IReadOnlyList<Person> People { get; }

    public IReadOnlyList<BotIdentity> Bots { get; }

    public Person? FindPerson(string id) => peopleById.GetValueOrDefault(id);

    public Team? FindTeam(string id) => teamsById.GetValueOrDefault(id);

    public bool IsKnownLevel(string level) => levelRanks.ContainsKey(level);

    /// <summary>Position of <paramref name="level"/> in <see cref="Levels"/> (0 = lowest), or null when it is not a level.</summary>
    public int? RankOf(string level) => levelRanks.TryGetValue(level, out var rank) ? rank : null;

    /// <summary>Negative when <paramref name="levelA"/> is below <paramref name="levelB"/>, zero when equal, positive when above.</summary>
    /// <exception cref="ArgumentException">Either is not one of <see cref="Levels"/>; policies validate level names when compiled.</exception>
    public int Compare(string levelA, string levelB) => RequireRank(levelA, nameof(levelA)).CompareTo(RequireRank(levelB, nameof(levelB)));

    /// <summary>
    /// True when the person's level is <paramref name="minimumLevel"/> or higher. A person without a (known) level is
    /// never at least anything: missing data must not grant seniority.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="minimumLevel"/> is not one of <see cref="Levels"/>.</exception>
    public bool IsAtLeast(Person person, string minimumLevel)
    {
        var minimum = RequireRank(minimumLevel, nameof(minimumLevel));
        return person.Level is { } level && RankOf(level) is { } rank && rank >= minimum;
    }

    public Person? ManagerOf(Person person) => person.Manager is { } id ? FindPerson(id) : null;

    /// <summary>The team followed by its parent, grandparent, …; empty when the team is unknown. Stops at a dangling parent or a cycle.</summary>
    public IReadOnlyList<Team> TeamAndAncestors(string teamId)
    {
        var chain = new List<Team>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var team = FindTeam(teamId); team is not null && seen.Add(team.Id); team = team.Parent is { } parent ? FindTeam(parent) : null)
        {
            chain.Add(team);
        }

        return chain;
    }

    /// <summary>The team followed by all teams nested in it at any depth, breadth-first; empty when the team is unknown.</summary>
    public IReadOnlyList<Team> TeamAndDescendants(string teamId)
    {
        if (FindTeam(teamId) is not { } root)
        {
            return [];
        }

        var result = new List<Team> { root };
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.Id };
        for (var i = 0; i < result.Count; i++)
        {
            foreach (var child in childTeams.GetValueOrDefault(result[i].Id) ?? [])
            {
                if (seen.Add(child.Id))
                {
                    result.Add(child);
                }
            }
        }

        return result;
    }

    /// <summary>People in the team, and with <paramref name="includeSubTeams"/> in any team nested in it; in directory order.</summary>
    public IReadOnlyList<Person> MembersOf(string teamId, bool includeSubTeams = true)
    {
        var teamIds = includeSubTeams
            ? TeamAndDescendants(teamId).Select(t => t.Id).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal) { teamId };
        return People.Where(p => p.Teams.Any(teamIds.Contains)).ToList();
    }

    /// <summary>True when the person belongs to the team directly or through a sub-team of it.</summary>
    public bool IsMemberOf(Person person, string teamId) =>
        person.Teams.Any(t => TeamAndAncestors(t).Any(a => a.Id == teamId));

    private int RequireRank(string level, string parameter) =>
        RankOf(level) ?? throw new ArgumentException($"'{level}' is not a level of this organisation (levels: {string.Join(", ", Levels)})", parameter);
}
