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

    public static DsseEnvelope Sign(byte[] statement, ECDsa key, string keyId)
    {
        var signature = key.SignData(Dsse.PreAuthenticationEncoding(PayloadType, statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new DsseEnvelope(PayloadType, Convert.ToBase64String(statement), [new DsseSignature(keyId, Convert.ToBase64String(signature))]);
    }

    /// <summary>
    /// Verifies an envelope with a public key: the payload type, a signature by <paramref name="keyId"/> over the PAE,
    /// and a statement of the sign-off predicate type. Returns the statement, or null with <paramref name="why"/>.
    /// </summary>
    public static JsonNode? Verify(DsseEnvelope envelope, ECDsa publicKey, string keyId, out string why)
    {
        if (envelope.PayloadType != PayloadType)
        {
            why = $"payload type is '{envelope.PayloadType}', not {PayloadType}";
            return null;
        }

        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(envelope.Payload);
        }
        catch (FormatException)
        {
            why = "the payload is not base64";
            return null;
        }

        var pae = Dsse.PreAuthenticationEncoding(PayloadType, payload);
        var signed = envelope.Signatures.Where(s => s.KeyId == keyId).Any(s =>
        {
            try
            {
                return publicKey.VerifyData(pae, Convert.FromBase64String(s.Sig), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
            catch (FormatException)
            {
                return false;
            }
        });
        if (!signed)
        {
            why = $"no valid signature by key '{keyId}'";
            return null;
        }

        try
        {
            var statement = JsonNode.Parse(payload);
            if ((string?)statement?["_type"] != StatementType || (string?)statement?["predicateType"] != PredicateType)
            {
                why = "the payload is not a Countersign sign-off statement";
                return null;
            }

            why = "valid";
            return statement;
        }
        catch (JsonException)
        {
            why = "the payload is not JSON";
            return null;
        }
    }
}
