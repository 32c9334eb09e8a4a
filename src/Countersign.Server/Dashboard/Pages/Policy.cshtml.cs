using System.Text.Json;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>
/// The policy each repository's changes are evaluated with (the latest one CI sent), compiled against the server's
/// directory now: its rules, and every error or warning with file, line and column.
/// </summary>
public sealed class PolicyModel(ServerDatabase database, ServerEvaluator evaluator, StatisticsStore statistics) : PageModel
{
    public IReadOnlyList<RepositoryPolicy> Policies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), HttpContext.RequestAborted);
        var latest = await statistics.LatestPoliciesAsync(HttpContext.RequestAborted);
        Policies = latest.Select(l =>
        {
            var stored = JsonSerializer.Deserialize<StoredPolicy>(l.Policy, ChangeFactsJson.Options)!;
            var files = stored.Bundle.Files ?? new Dictionary<string, string>();
            var result = PolicyLoader.Load(stored.Bundle.Text, stored.Bundle.Source, directory.Org, relative => files.TryGetValue(relative, out var text) ? (text, relative) : null);
            return new RepositoryPolicy(l.Repository, stored.Bundle.Source, Db.ParseTime(l.CreatedAt), result.Policy, result.Diagnostics);
        }).ToList();
    }

    public sealed record RepositoryPolicy(string Repository, string Source, DateTimeOffset SeenAt, CompiledPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool Valid => Policy is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
    }
}
