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

    /// <summary>The result tree as <see cref="ResultJson"/> makes it, as an immutable element (safe to share between answers).</summary>
    public static JsonElement ResultElement(PolicyResult result, ChangeFacts facts) =>
        JsonSerializer.SerializeToElement(PolicyResultJson.From(result, facts), ChangeFactsJson.Options);

    /// <summary>The change as stored, with the status and summary of <paramref name="state"/> (fresher than the stored ones).</summary>
    /// <param name="row">The change as stored.</param>
    /// <param name="state">The evaluation.</param>
    /// <param name="withResult">Include the whole result tree.</param>
    /// <param name="resultJson">The result tree made earlier for the same result (<see cref="ResultElement"/>), if it was.</param>
    public static ChangeView View(ChangeRow row, EvaluatedChange state, bool withResult = true, JsonElement? resultJson = null) =>
        row.View(state.SignOffs, !withResult ? null : resultJson is { } made ? Restamped(made, state.Result.EvaluatedAt) : ResultJson(state.Result, state.Inputs.Facts), state.Result.Passed) with
        {
            Status = state.Status,
            Summary = state.Result.Summary,
        };

    /// <summary>A result tree made earlier, over the shared element, with this evaluation's time.</summary>
    private static JsonObject Restamped(JsonElement made, DateTimeOffset evaluatedAt)
    {
        var tree = JsonObject.Create(made)!;
        tree["evaluatedAt"] = JsonSerializer.SerializeToNode(evaluatedAt, ChangeFactsJson.Options);
        return tree;
    }
}
