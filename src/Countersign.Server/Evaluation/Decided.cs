using System.Text.Json;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>A stored change and its evaluation now (see <see cref="StoredChanges.DecideAsync"/>).</summary>
internal sealed record Decided(ChangeRow Row, EvaluatedChange State, JsonElement? ResultJson = null);
