using Countersign.Core.Organisation;
using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>The sign-off queue: changes waiting for me, my team or everyone, riskiest and oldest first, paged.</summary>
public sealed class IndexModel(ChangeService changes, ServerDatabase database, ServerEvaluator evaluator, StatisticsStore statistics) : PageModel
{
    public const int PageSize = 50;

    public string View { get; private set; } = "mine";

    public string? Team { get; private set; }

    public IReadOnlyList<Team> MyTeams { get; private set; } = [];

    public Page<QueueEntry> Queue { get; private set; } = new([], 0, 0, PageSize);

    public OrgDirectory Org { get; private set; } = OrgDirectory.Empty;

    public int PageNumber { get; private set; } = 1;

    /// <summary>The product's story in one line: what waits, how much is AI-assisted, what was signed off or overridden.</summary>
    public (long Waiting, long Changes, long AiAssisted, long Approvals, long Overrides) Headline { get; private set; }

    public async Task OnGetAsync(string? view, string? team, int? n)
    {
        Org = (await database.ReadAsync(c => evaluator.OrgAsync(c), HttpContext.RequestAborted)).Org;
        var me = User.FindFirst(Scopes.PersonClaim)?.Value;
        var person = me is null ? null : Org.FindPerson(me);
        MyTeams = person?.Teams.Select(Org.FindTeam).OfType<Team>().ToList() ?? [];
        View = view is "mine" or "team" or "all" ? view : person is null ? "all" : "mine";
        if (View == "mine" && person is null)
        {
            View = "all";
        }

        Team = View == "team" ? team ?? (MyTeams.Count > 0 ? MyTeams[0].Id : null) : null;
        PageNumber = Math.Max(1, n ?? 1); // "page" is a route value Razor Pages keeps for itself
        IReadOnlyList<string>? members = null;
        if (Team is not null && Org.FindTeam(Team) is not null)
        {
            var teams = Org.TeamAndDescendants(Team).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            members = Org.People.Where(p => p.Teams.Any(teams.Contains)).Select(p => p.Id).ToList();
        }
        else if (View == "team")
        {
            members = [];
        }

        var filter = new QueueFilter(["pending", "rejected", "frozen"], null, View == "mine" ? me : null, members, (PageNumber - 1) * PageSize, PageSize);
        Queue = await changes.ListAsync(filter, HttpContext.RequestAborted);
        Headline = await statistics.HeadlineAsync(HttpContext.RequestAborted);
    }

    public string AuthorName(QueueEntry entry) => entry.AuthorId is { } id ? Org.FindPerson(id)?.Name ?? id : "unknown author";

    public static string Waited(TimeSpan span) => span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";
}
