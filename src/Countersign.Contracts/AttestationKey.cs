namespace Countersign.Contracts;

/// <summary>The server's attestation signing key: its id and public part (PEM, SubjectPublicKeyInfo).</summary>
public sealed record AttestationKey(string KeyId, string PublicKeyPem, string PredicateType);
