using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Core.Attestations;

/// <summary>A DSSE envelope as JSON: the payload (base64) with its type, and the signatures over its PAE (Countersign: exactly one).</summary>
public sealed record DsseEnvelope(
    [property: JsonPropertyName("payloadType")] string PayloadType,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signatures")] IReadOnlyList<DsseSignature> Signatures)
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>
    /// Reads an envelope strictly: exactly the DSSE members (<c>payloadType</c>, <c>payload</c>, <c>signatures</c> of
    /// <c>keyid</c> and <c>sig</c>), each once, none null. Throws <see cref="JsonException"/> saying what is wrong.
    /// </summary>
    public static DsseEnvelope Parse(string json) =>
        JsonSerializer.Deserialize<DsseEnvelope>(json, Strict) ?? throw new JsonException("the envelope is null");
}
