using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>How evaluated changes are shown on the wire: status names, the result tree as JSON, the change view.</summary>
internal static class ChangeViews
{
    public static string StatusName(OverallStatus status) => JsonSerializer.Serialize(status).Trim('"');

    public static JsonNode? ResultJson(PolicyResult result, ChangeFacts facts) =>
        JsonSerializer.SerializeToNode(PolicyResultJson.From(result, facts), ChangeFactsJson.Options);

    /// <summary>The change as stored, with the status and summary of <paramref name="state"/> (fresher than the stored ones).</summary>
    public static ChangeView View(ChangeRow row, EvaluatedChange state, bool withResult = true) =>
        row.View(state.SignOffs, withResult ? ResultJson(state.Result, state.Inputs.Facts) : null, state.Result.Passed) with
        {
            Status = state.Status,
            Summary = state.Result.Summary,
        };
}
