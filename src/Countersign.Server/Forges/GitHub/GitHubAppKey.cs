using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// The GitHub App's identity: its id and RSA private key, and the short-lived JWT (RS256) that proves it to GitHub —
/// <c>iss</c> the app id, <c>iat</c> a minute in the past (GitHub's clock may be behind ours), <c>exp</c> nine minutes
/// ahead (GitHub refuses more than ten). The JWT is only ever sent to <c>/app/…</c> to get installation tokens.
/// </summary>
public sealed class GitHubAppKey : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly RSA rsa;
    private readonly SigningCredentials credentials;

    private GitHubAppKey(long appId, RSA rsa)
    {
        AppId = appId;
        this.rsa = rsa;
        credentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The App's id.</summary>
    public long AppId { get; }

    /// <summary>The key of <paramref name="options"/>; throws <see cref="InvalidOperationException"/> saying what is wrong (the validator has said it first).</summary>
    public static GitHubAppKey Load(GitHubOptions options)
    {
        if (Problems(options).FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException($"{ServerOptions.Section}:GitHub:{problem}");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(options.PrivateKeyFile!));
        return new GitHubAppKey(options.AppIdNumber, rsa);
    }

    /// <summary>A key for tests and tools: <paramref name="rsa"/> is owned by the result.</summary>
    public static GitHubAppKey From(long appId, RSA rsa) => new(appId, rsa);

    /// <summary>A JWT for the App, valid from a minute before <paramref name="now"/> to nine minutes after.</summary>
    public string Jwt(DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iat"] = now.AddSeconds(-60).ToUnixTimeSeconds(),
                ["exp"] = now.AddMinutes(9).ToUnixTimeSeconds(),
                ["iss"] = AppId.ToString(CultureInfo.InvariantCulture),
            },
            SigningCredentials = credentials,
        };
        return Handler.CreateToken(descriptor);
    }

    public void Dispose() => rsa.Dispose();

    /// <summary>
    /// What is wrong with the GitHub App settings, each as <c>Key: why</c> (no secret repeated): none when the App is
    /// off and nothing else is set; else a numeric app id, a readable RSA private key in PEM, an http(s) API address,
    /// and <c>none</c> or a positive number of review requests.
    /// </summary>
    public static IEnumerable<string> Problems(GitHubOptions options)
    {
        if (!options.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(options.PrivateKeyFile))
            {
                yield return "AppId: is required with a private key (--github-app-id: the number on the App's settings page)";
            }

            yield break;
        }

        if (options.AppIdNumber <= 0)
        {
            yield return $"AppId: '{Shown(options.AppId)}' is not a GitHub App id (a positive number, shown on the App's settings page)";
        }

        if (string.IsNullOrWhiteSpace(options.PrivateKeyFile))
        {
            yield return "PrivateKeyFile: is required with an app id (--github-private-key: the .pem file downloaded from the App's settings page)";
        }
        else if (KeyProblem(options.PrivateKeyFile) is { } key)
        {
            yield return $"PrivateKeyFile: {key}";
        }

        if (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            yield return $"ApiUrl: '{Shown(options.ApiUrl)}' is not an http:// or https:// address ({GitHubOptions.DefaultApiUrl}, or https://HOST/api/v3 for GitHub Enterprise Server)";
        }

        if (options.ReviewRequests != "none" && options.ReviewRequestCount is < 1 or > 15)
        {
            yield return $"ReviewRequests: '{Shown(options.ReviewRequests)}' is neither 'none' nor a number of reviewers from 1 to 15";
        }
    }

    private static string? KeyProblem(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot read {Shown(path)}: {Shown(e.Message)}";
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            _ = rsa.ExportParameters(includePrivateParameters: true); // a public key alone imports, and signs nothing
            return rsa.KeySize < 2048 ? $"{Shown(path)} holds a {rsa.KeySize}-bit RSA key; GitHub's are 2048 bits or more" : null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return $"{Shown(path)} is not an RSA private key in PEM (a GitHub App's key begins with -----BEGIN RSA PRIVATE KEY-----)";
        }
    }

    private static string Shown(string? value) => Countersign.Core.Text.UntrustedText.ForTerminal(value, 200);
}
