using System.Text.Json.Nodes;
using Countersign.Core.SignOffs;

namespace Countersign.Contracts;

/// <summary>The answer to a sign-off: what was recorded, its attestation, and the change after it.</summary>
public sealed record SignOffResponse(SignOffView SignOff, JsonNode Attestation, ChangeView Change);
