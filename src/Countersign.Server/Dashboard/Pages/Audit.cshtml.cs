using Countersign.Core.Audit;
using Countersign.Contracts;
using Countersign.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>The audit log, filtered by kind and actor, paged, with the whole chain's verification status.</summary>
public sealed class AuditModel(AuditStore audit) : PageModel
{
    public const int PageSize = 100;

    public Page<AuditEntry> Entries { get; private set; } = new([], 0, 0, PageSize);

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public string? Kind { get; private set; }

    public string? Actor { get; private set; }

    public long After { get; private set; }

    /// <summary>The one verification (chain, head row, state tables), as the API and <c>countersign audit verify</c> give it.</summary>
    public AuditVerification Verification { get; private set; } = null!;

    public async Task OnGetAsync(string? kind, string? actor, long? after)
    {
        Kind = string.IsNullOrWhiteSpace(kind) ? null : kind;
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor;
        After = Math.Max(0, after ?? 0);
        Kinds = await audit.KindsAsync(HttpContext.RequestAborted);
        Entries = await audit.PageAsync(After, PageSize, Kind, HttpContext.RequestAborted, Actor);
        Verification = await audit.VerifyAsync(null, HttpContext.RequestAborted);
    }
}
