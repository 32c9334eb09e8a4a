using System.Text.Json;
using Countersign.Core.SignOffs;
using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>
/// One change: the policy's result in plain words, per-commit provenance, the blast radius as a graph, the risk
/// factors as a chart, revisions and sign-offs (dismissed ones with why), and approve / reject for eligible people.
/// </summary>
public sealed class ChangeModel(ChangeService changes, SignOffService signOffs) : PageModel
{
    public ChangeDetail Detail { get; private set; } = null!;

    public string? Message { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool IsPerson => User.FindFirst(Scopes.PersonClaim) is not null;

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        if (await LoadAsync(id, User.FindFirst(Scopes.PersonClaim)?.Value) is { } failed)
        {
            return failed;
        }

        Message = done switch
        {
            "approve" => "Your approval is recorded, with a signed attestation.",
            "reject" => "Your rejection is recorded.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string kind, string? comment, string patchId)
    {
        var person = User.FindFirst(Scopes.PersonClaim)?.Value;
        var signOffKind = kind switch { "approve" => SignOffKind.Approve, "reject" => SignOffKind.Reject, _ => (SignOffKind?)null };
        if (person is null || signOffKind is null)
        {
            Problems = [person is null ? "Only a person can sign off: sign in with your own account or a reviewer token." : "Choose approve or reject."];
        }
        else
        {
            var request = new SignOffRequest(signOffKind.Value, patchId ?? "", string.IsNullOrWhiteSpace(comment) ? null : comment);
            if ((await signOffs.SignOffAsync(id, request, person, $"dashboard/person:{person}", HttpContext.RequestAborted)).Succeeded(out _, out var problem))
            {
                return Redirect($"/ui/changes/{id}?done={kind}");
            }

            Problems = problem is Problem.Unprocessable { ItemsName: "reasons" } refused ? refused.Items ?? [] : [problem.Detail];
        }

        return await LoadAsync(id, person) ?? Page();
    }

    /// <summary>Reads the change into <see cref="Detail"/>; the answer to give instead of the page when it cannot be shown.</summary>
    private async Task<IActionResult?> LoadAsync(long id, string? viewer)
    {
        if ((await changes.DetailAsync(id, viewer, HttpContext.RequestAborted)).Succeeded(out var detail, out var problem))
        {
            Detail = detail;
            return null;
        }

        return problem is Problem.NotFound
            ? NotFound()
            : new ObjectResult(new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = problem.Title, Detail = problem.Detail })
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
            };
    }

    /// <summary>The blast radius as graph data for the page's script: components coloured by tier, edges along dependency paths.</summary>
    public string GraphJson()
    {
        var radius = Detail.Facts.BlastRadius;
        var nodes = radius.Touched.Select(t => new { id = t.Ref, label = t.Name, tier = t.Tier, touched = true })
            .Concat(radius.Reached.Where(r => radius.Touched.All(t => t.Ref != r.Ref)).Select(r => new { id = r.Ref, label = r.Name, tier = r.Tier, touched = false }))
            .ToList();
        var known = nodes.Select(n => n.id).ToHashSet(StringComparer.Ordinal);
        var edges = radius.Reached.SelectMany(r => r.Path.Zip(r.Path.Skip(1)))
            .Where(e => known.Contains(e.First) && known.Contains(e.Second))
            .Distinct()
            .Select(e => new { source = e.First, target = e.Second })
            .ToList();
        return JsonSerializer.Serialize(new { nodes, edges });
    }

    /// <summary>The risk score's factors as chart data.</summary>
    public string RiskJson() => JsonSerializer.Serialize(new
    {
        labels = Detail.Facts.Risk.Factors.Select(f => f.Name),
        points = Detail.Facts.Risk.Factors.Select(f => f.Points),
    });

    public string PersonName(string id) => Detail.Org.FindPerson(id)?.Name ?? id;
}
