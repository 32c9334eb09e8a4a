using System.Security.Cryptography;
using System.Text;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// The forges' webhook secrets, read once at start-up, and the two checks that authenticate a delivery: GitHub's
/// <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the raw body) and GitLab's <c>X-Gitlab-Token</c> (the secret itself),
/// both compared in constant time. A forge without a secret has no webhook endpoint.
/// </summary>
internal sealed class WebhookSecrets
{
    private readonly byte[]? github;
    private readonly byte[]? gitlab;

    public WebhookSecrets(WebhookOptions options)
    {
        github = Read(options.GitHubSecret, options.GitHubSecretFile);
        gitlab = Read(options.GitLabToken, options.GitLabTokenFile);
    }

    public bool GitHubConfigured => github is not null;

    public bool GitLabConfigured => gitlab is not null;

    /// <summary>Whether <paramref name="header"/> (<c>sha256=</c> and 64 hex digits) is the HMAC-SHA256 of <paramref name="body"/> under GitHub's secret.</summary>
    public bool GitHubSigned(ReadOnlySpan<byte> body, string? header) => github is not null && Signed(github, body, header);

    /// <summary>The check itself, for any secret (GitHub's documented test vector is checked through it).</summary>
    /// <param name="secret">The webhook secret's bytes.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="header">The <c>X-Hub-Signature-256</c> header.</param>
    public static bool Signed(byte[] secret, ReadOnlySpan<byte> body, string? header)
    {
        const string prefix = "sha256=";
        if (header is null || header.Length != prefix.Length + 64 || !header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Whether <paramref name="header"/> is GitLab's token (compared as SHA-256 digests, so neither length nor content leaks through timing).</summary>
    public bool GitLabToken(string? header)
    {
        if (gitlab is null || header is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header)), SHA256.HashData(gitlab));
    }

    private static byte[]? Read(string? value, string? file)
    {
        // A file named on the command line or in configuration wins over the environment's value.
        var secret = file is not null ? File.ReadAllText(file).TrimEnd('\r', '\n', ' ', '\t') : value;
        return string.IsNullOrEmpty(secret) ? null : Encoding.UTF8.GetBytes(secret);
    }
}
