namespace Countersign.Server;

/// <summary>
/// Dashboard sign-in through an OpenID Connect provider (authorization code flow with PKCE), bound from
/// <c>Countersign:Oidc</c>. Users are matched to people of the directory by their e-mail claim.
/// </summary>
/// <param name="Authority">The issuer URL (its /.well-known/openid-configuration is read).</param>
/// <param name="ClientId">This server's client id at the provider.</param>
/// <param name="ClientSecret">The client secret, if the client is confidential.</param>
/// <param name="RequireHttpsMetadata">Whether the provider's metadata must come over https; unset: yes, except for a provider on loopback (tests, local trials).</param>
public sealed record OidcOptions(string Authority = "", string ClientId = "countersign", string? ClientSecret = null, bool? RequireHttpsMetadata = null)
{
    /// <summary>Whether the metadata must come over https, once the default is applied.</summary>
    public bool HttpsMetadataRequired =>
        RequireHttpsMetadata ?? !(Uri.TryCreate(Authority, UriKind.Absolute, out var issuer) && issuer.IsLoopback);
}
