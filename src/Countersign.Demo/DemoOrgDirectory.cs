namespace Countersign.Demo;

/// <summary>The demo's organisation directory (<c>.countersign/org.yaml</c>): levels, teams, people with handles, bots.</summary>
internal static class DemoOrgDirectory
{
    public static List<string> Render()
    {
        var lines = new List<string> { "# Who is who at acme-shop: levels decide who may sign off AI-assisted changes.", "levels: [intern, junior, mid, senior, staff, principal]", "teams:" };
        lines.Add("  - id: engineering");
        lines.Add("    name: Engineering");
        foreach (var team in DemoPeople.Engineers.Select(p => p.Team).Distinct())
        {
            lines.AddRange([$"  - id: team-{team}", $"    name: {char.ToUpperInvariant(team[0])}{team[1..]}", "    parent: engineering"]);
        }

        lines.Add("people:");
        foreach (var person in DemoPeople.Engineers)
        {
            lines.AddRange(
            [
                $"  - id: {person.Handle}", $"    name: {person.Name}", $"    emails: [{person.Email}]", $"    github: {person.Handle}",
                $"    level: {person.Level}", $"    teams: [team-{person.Team}]",
            ]);
        }

        lines.Add("bots:");
        foreach (var bot in DemoPeople.Bots)
        {
            lines.Add($"  - github: \"{bot.Handle}\"");
        }

        return lines;
    }
}
