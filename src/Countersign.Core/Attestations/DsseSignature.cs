using System.Text.Json.Serialization;

namespace Countersign.Core.Attestations;

/// <summary>One signature: the key that made it (<see cref="KeyId"/>) and the base64 DER ECDSA signature.</summary>
public sealed record DsseSignature(
    [property: JsonPropertyName("keyid")] string KeyId,
    [property: JsonPropertyName("sig")] string Sig);
