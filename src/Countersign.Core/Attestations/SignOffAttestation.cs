using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Core.Attestations;

/// <summary>
/// A sign-off as an in-toto Statement (v1) in a DSSE envelope, signed with ECDSA P-256 / SHA-256, so a deploy system
/// can check a sign-off offline with the published public key. The subject is the change's head commit (gitCommit
/// digest); the predicate (<see cref="PredicateType"/>) names the change, its patch identity, the approver and the rule.
/// </summary>
public static class SignOffAttestation
{
    public const string PayloadType = "application/vnd.in-toto+json";
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://countersign.dev/attestations/signoff/v1";

    /// <summary>The in-toto statement for one sign-off, as canonical JSON bytes.</summary>
    /// <param name="repository">The repository the change belongs to (the subject's name).</param>
    /// <param name="headSha">The change's head commit (the subject's digest).</param>
    /// <param name="changeKey">The change's stable key.</param>
    /// <param name="patchId">The patch identity of the content signed off.</param>
    /// <param name="approver">The person id of the reviewer.</param>
    /// <param name="rule">The policy rule(s) the sign-off counted for, comma-separated.</param>
    /// <param name="at">When it was given.</param>
    /// <param name="decision">approve, reject or break-glass.</param>
    public static byte[] Statement(string repository, string headSha, string changeKey, string patchId, string approver, string rule, DateTimeOffset at, string decision = "approve")
    {
        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(new JsonObject { ["name"] = repository, ["digest"] = new JsonObject { ["gitCommit"] = headSha } }),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["change"] = changeKey,
                ["patchId"] = patchId,
                ["approver"] = approver,
                ["rule"] = rule,
                ["decision"] = decision,
                ["signedOffAt"] = at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        return Encoding.UTF8.GetBytes(Audit.CanonicalJson.Canonicalize(statement));
    }

    /// <summary>Signs <paramref name="statement"/>: one signature, DER, always in its low-S form (<see cref="EcdsaSignature"/>).</summary>
    public static DsseEnvelope Sign(byte[] statement, ECDsa key, string keyId)
    {
        var raw = key.SignData(Dsse.PreAuthenticationEncoding(PayloadType, statement), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new DsseEnvelope(PayloadType, Convert.ToBase64String(statement), [new DsseSignature(keyId, Convert.ToBase64String(EcdsaSignature.LowSDer(raw)))]);
    }

    /// <summary>
    /// Verifies an envelope with a public key, strictly, so that one sign-off has exactly one valid envelope: the payload
    /// type exactly <see cref="PayloadType"/>; exactly one signature, by <paramref name="keyId"/>; payload and signature in
    /// canonical base64 (no whitespace, padding as encoded); the signature DER, low-S and valid over the PAE; and a
    /// statement of the sign-off predicate type. Returns the statement, or null with <paramref name="why"/>.
    /// </summary>
    public static JsonNode? Verify(DsseEnvelope envelope, ECDsa publicKey, string keyId, out string why)
    {
        if (envelope.PayloadType is null || envelope.Payload is null || envelope.Signatures is null)
        {
            why = "the envelope lacks its payloadType, payload or signatures";
            return null;
        }

        if (!string.Equals(envelope.PayloadType, PayloadType, StringComparison.Ordinal))
        {
            why = $"payload type is '{Bounded(envelope.PayloadType)}', not {PayloadType}";
            return null;
        }

        if (envelope.Signatures.Count != 1)
        {
            why = $"the envelope has {envelope.Signatures.Count} signatures; a Countersign attestation has exactly one";
            return null;
        }

        var signature = envelope.Signatures[0];
        if (signature?.KeyId != keyId)
        {
            why = $"the signature is by key '{Bounded(signature?.KeyId ?? "")}', not '{keyId}'";
            return null;
        }

        if (StrictBase64(envelope.Payload) is not { } payload)
        {
            why = "the payload is not canonical base64";
            return null;
        }

        if (signature.Sig is null || StrictBase64(signature.Sig) is not { } sig)
        {
            why = "the signature is not canonical base64";
            return null;
        }

        if (EcdsaSignature.WhyNotStrict(sig) is { } malformed)
        {
            why = malformed;
            return null;
        }

        if (!publicKey.VerifyData(Dsse.PreAuthenticationEncoding(PayloadType, payload), sig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            why = $"no valid signature by key '{keyId}'";
            return null;
        }

        try
        {
            var statement = JsonNode.Parse(payload, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            if ((string?)statement?["_type"] != StatementType || (string?)statement?["predicateType"] != PredicateType)
            {
                why = "the payload is not a Countersign sign-off statement";
                return null;
            }

            why = "valid";
            return statement;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            why = "the payload is not a JSON sign-off statement";
            return null;
        }
    }

    /// <summary>The bytes of <paramref name="text"/> when it is base64 exactly as it would be encoded; else null.</summary>
    private static byte[]? StrictBase64(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            return string.Equals(Convert.ToBase64String(bytes), text, StringComparison.Ordinal) ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Bounded(string text) => Text.UntrustedText.ForTerminal(text, 60);
}
