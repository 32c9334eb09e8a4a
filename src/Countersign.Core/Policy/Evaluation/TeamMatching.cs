namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Assigns approvers to distinct teams so that as many as possible count: a maximum bipartite matching (augmenting
/// paths), because a greedy pick can use up the only team a later approver has.
/// </summary>
internal static class TeamMatching
{
    /// <summary>For each approver index, the team it counts for, or null when it cannot count.</summary>
    public static string?[] Assign(IReadOnlyList<IReadOnlyList<string>> teamsOfApprover)
    {
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < teamsOfApprover.Count; i++)
        {
            TryAssign(i, teamsOfApprover, owner, new HashSet<string>(StringComparer.Ordinal));
        }

        var result = new string?[teamsOfApprover.Count];
        foreach (var (team, approver) in owner)
        {
            result[approver] = team;
        }

        return result;
    }

    private static bool TryAssign(int approver, IReadOnlyList<IReadOnlyList<string>> teams, Dictionary<string, int> owner, HashSet<string> visited)
    {
        foreach (var team in teams[approver])
        {
            if (!visited.Add(team))
            {
                continue;
            }

            if (!owner.TryGetValue(team, out var current) || TryAssign(current, teams, owner, visited))
            {
                owner[team] = approver;
                return true;
            }
        }

        return false;
    }
}
