namespace Countersign.Demo;

/// <summary>The engineers of the fictional acme-shop organisation, and the automation that commits beside them.</summary>
public static class DemoPeople
{
    private static readonly TimeSpan Berlin = TimeSpan.FromHours(1);
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-5);
    private static readonly TimeSpan London = TimeSpan.Zero;
    private static readonly TimeSpan Bangalore = new(5, 30, 0);

    public static readonly DemoPerson Priya = new("Priya Raman", "priya.raman@acme-shop.com", "priya-raman", 4412871, "staff", "platform", Bangalore);
    public static readonly DemoPerson Marcus = new("Marcus Chen", "marcus.chen@acme-shop.com", "mchen", 3381920, "senior", "checkout", NewYork);
    public static readonly DemoPerson Sofia = new("Sofia Alvarez", "sofia.alvarez@acme-shop.com", "salvarez", 5120337, "senior", "payments", Berlin);
    public static readonly DemoPerson Daniel = new("Daniel Okafor", "daniel.okafor@acme-shop.com", "dokafor", 7710452, "mid", "catalog", London);
    public static readonly DemoPerson Hannah = new("Hannah Weber", "hannah.weber@acme-shop.com", "hweber", 6634019, "mid", "search", Berlin);
    public static readonly DemoPerson Alice = new("Alice Example", "alice@acme-shop.com", "alice-example", 8823101, "mid", "platform", London);
    public static readonly DemoPerson Tom = new("Tom Nguyen", "tom.nguyen@acme-shop.com", "tnguyen", 9901284, "junior", "checkout", NewYork);
    public static readonly DemoPerson Lena = new("Lena Kowalski", "lena.kowalski@acme-shop.com", "lkowalski", 10233875, "junior", "notifications", Berlin);

    public static readonly DemoPerson Dependabot = new("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "dependabot[bot]", 49699333, "bot", "automation", TimeSpan.Zero);
    public static readonly DemoPerson Renovate = new("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", "renovate[bot]", 29139614, "bot", "automation", TimeSpan.Zero);
    public static readonly DemoPerson GitHubActions = new("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com", "github-actions[bot]", 41898282, "bot", "automation", TimeSpan.Zero);

    /// <summary>The committer GitHub writes for web merges, squash merges and agent commits.</summary>
    internal static readonly DemoSignature GitHubWeb = new("GitHub", "noreply@github.com", TimeSpan.Zero);

    public static readonly IReadOnlyList<DemoPerson> Engineers = [Priya, Marcus, Sofia, Daniel, Hannah, Alice, Tom, Lena];

    public static readonly IReadOnlyList<DemoPerson> Bots = [Dependabot, Renovate, GitHubActions];

    public static readonly IReadOnlyList<DemoPerson> All = [.. Engineers, .. Bots];

    /// <summary>The engineers of a team first, then everyone else: who usually works on a service.</summary>
    internal static DemoPerson PickFor(string team, Random random, bool preferJuniors = false)
    {
        var pool = Engineers.Where(p => p.Team == team).ToList();
        if (pool.Count == 0 || random.Next(4) == 0)
        {
            pool = [.. Engineers];
        }

        if (preferJuniors && pool.Any(p => p.Level is "junior" or "mid") && random.Next(3) > 0)
        {
            pool = pool.Where(p => p.Level is "junior" or "mid").ToList();
        }

        return pool[random.Next(pool.Count)];
    }
}
