using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Countersign.Core.Attestations;
using Countersign.Contracts;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// The key the server signs attestations with: ECDSA P-256, from a PEM file given at start-up (what production should
/// do: one key for every replica, kept in a secret store) or else generated once and kept in the database so all
/// replicas share it. Its key id is the first 16 hex digits of the SHA-256 of its public key (SubjectPublicKeyInfo).
/// </summary>
public sealed class AttestationSigner : IDisposable
{
    private readonly ECDsa key;

    private AttestationSigner(ECDsa key)
    {
        this.key = key;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = "countersign-" + Convert.ToHexStringLower(SHA256.HashData(spki))[..16];
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public AttestationKey Published => new(KeyId, PublicKeyPem, SignOffAttestation.PredicateType);

    /// <summary>Loads the key from <paramref name="keyFile"/>, or from the database (creating it on first start).</summary>
    /// <param name="database">The database.</param>
    /// <param name="keyFile">A PEM file with an EC P-256 private key, or null.</param>
    public static async Task<AttestationSigner> LoadAsync(ServerDatabase database, string? keyFile)
    {
        var key = ECDsa.Create();
        if (keyFile is not null)
        {
            try
            {
                key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
            }
            catch (Exception e) when (e is IOException or ArgumentException or CryptographicException or UnauthorizedAccessException)
            {
                key.Dispose();
                throw new InvalidOperationException($"cannot read the signing key {keyFile}: {e.Message}", e);
            }

            return new AttestationSigner(key);
        }

        // Read first: a server whose key exists starts without writing (so it starts even when the audit head is
        // damaged, and reports that instead); only the very first start creates the key, under the write lock.
        var pem = await database.ReadAsync(c => OrgStore.SettingAsync(c, null, "attestation_key")) ?? await database.WriteAsync(async scope =>
        {
            if (await OrgStore.SettingAsync(scope.Connection, scope.Transaction, "attestation_key") is { } existing)
            {
                return existing;
            }

            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var text = fresh.ExportPkcs8PrivateKeyPem();
            await OrgStore.SetSettingAsync(scope, "attestation_key", text);
            using var signer = new AttestationSigner(ECDsa.Create(fresh.ExportParameters(true)));
            await scope.AuditAsync("server.key-created", "system", new JsonObject { ["keyId"] = signer.KeyId });
            return text;
        }, DateTimeOffset.UtcNow);
        key.ImportFromPem(pem);
        return new AttestationSigner(key);
    }

    public DsseEnvelope Sign(byte[] statement) => SignOffAttestation.Sign(statement, key, KeyId);

    public void Dispose() => key.Dispose();
}
