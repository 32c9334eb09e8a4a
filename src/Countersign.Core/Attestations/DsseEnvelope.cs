using System.Text.Json.Serialization;

namespace Countersign.Core.Attestations;

/// <summary>A DSSE envelope as JSON: the payload (base64) with its type, and one or more signatures over its PAE.</summary>
public sealed record DsseEnvelope(
    [property: JsonPropertyName("payloadType")] string PayloadType,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signatures")] IReadOnlyList<DsseSignature> Signatures);
