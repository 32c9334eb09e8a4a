using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>The organisation view: AI-assisted share over time by tool and team, sign-off latency, reviewer load, compliance.</summary>
public sealed class OrganisationModel(ServerDatabase database, ServerEvaluator evaluator, StatisticsStore statistics) : PageModel
{
    public OrgStats Stats { get; private set; } = null!;

    public int WeeksShown { get; private set; }

    public async Task OnGetAsync(int? weeks)
    {
        WeeksShown = Math.Clamp(weeks ?? 26, 4, 104);
        var org = (await database.ReadAsync(c => evaluator.OrgAsync(c), HttpContext.RequestAborted)).Org;
        Stats = OrgStats.From(await statistics.ActivityAsync(OrgStats.MaxChanges, HttpContext.RequestAborted), org, WeeksShown);
    }
}
