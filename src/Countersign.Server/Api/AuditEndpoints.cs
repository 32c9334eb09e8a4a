using Countersign.Core.Audit;
using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary><c>/api/v1/audit</c>: the audit records and their verification; admin scope.</summary>
internal static class AuditEndpoints
{
    public static void Map(WebApplication app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Scopes.Policies.Admin);
        audit.MapGet("", PageAsync).ProducesProblem(400)
            .WithSummary("Audit records after a sequence number, optionally of one kind (or kind prefix)");
        audit.MapGet("/verify", VerifyAsync)
            .WithSummary("Verify the chain, its head row and the state tables it vouches for; the same verification as `countersign audit verify`");
    }

    private static async Task<Results<Ok<Page<AuditEntry>>, BadRequestProblem, NotFoundProblem>> PageAsync(
        HttpContext context, AuditStore store, [FromQuery] long? after, [FromQuery] int? limit, [FromQuery] string? kind) =>
        Problems.List(context, await Http.Paging(0, limit).ThenAsync(async page =>
            (Outcome<Page<AuditEntry>>)await store.PageAsync(after ?? 0, page.Limit, kind, context.RequestAborted)));

    private static async Task<Ok<AuditVerification>> VerifyAsync(AuditStore store, [FromQuery] string? expectHead, CancellationToken cancellation) =>
        TypedResults.Ok(await store.VerifyAsync(string.IsNullOrWhiteSpace(expectHead) ? null : expectHead.Trim(), cancellation));
}
