using System.Net;
using System.Text.RegularExpressions;
using Countersign.Contracts;

namespace Countersign.Server.Repositories;

/// <summary>
/// What a repository registration may say, checked before anything is stored (each refusal a 400 naming the field).
/// Names are <c>owner/repo</c> paths of plain segments (they name a folder on disk). URLs are <c>https://</c>,
/// <c>ssh://</c> or scp-like <c>user@host:path</c>, <c>file://</c> (a path on the server), or <c>http://</c> to a
/// loopback host only — never a transport helper (<c>ext::</c>, <c>fd::</c>, <c>helper::address</c>, which run
/// commands), anything git could read as an option (a leading <c>-</c>, a host starting with <c>-</c>), or a password
/// inside the URL. Credentials are references: <c>env:NAME</c> or <c>file:/absolute/path</c>.
/// </summary>
public static partial class RepositoryAddress
{
    public const int MaxName = 200;
    public const int MaxUrl = 2000;

    public static void Check(RepositoryRegistration? registration)
    {
        if (registration is null)
        {
            throw ApiProblemException.Invalid("$", "the body is empty");
        }

        Name("name", registration.Name);
        var scheme = Url("url", registration.Url);
        if (registration.Credential is { } credential)
        {
            var reference = CredentialReference.Parse(credential) ?? throw ApiProblemException.Invalid("credential",
                "must be a reference to the secret — env:NAME (a variable of the server's environment) or file:/absolute/path — never the secret itself");
            if (scheme == "file")
            {
                throw ApiProblemException.Invalid("credential", "a file:// repository is read without a credential");
            }

            if (scheme == "ssh" && reference.Kind != "file")
            {
                throw ApiProblemException.Invalid("credential", "an ssh repository's credential is a private key file: file:/absolute/path");
            }
        }
    }

    /// <summary>Refuses a repository name that is not <c>owner/repo</c> (segments of letters, digits, '.', '_', '-').</summary>
    public static void Name(string field, string? name)
    {
        if (name is null || name.Length > MaxName || !NamePattern().IsMatch(name))
        {
            throw ApiProblemException.Invalid(field, $"must be owner/repo: 2 or more segments of letters, digits, '.', '_' and '-', each starting with a letter or digit, at most {MaxName} characters");
        }
    }

    /// <summary>The folder name of a repository's mirror (<c>owner+repo.git</c>).</summary>
    public static string MirrorFolder(string name) => name.Replace('/', '+') + ".git";

    /// <summary>Refuses a URL git could misuse; returns its kind: https, http, ssh or file.</summary>
    public static string Url(string field, string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrl || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw ApiProblemException.Invalid(field, $"must be 1 to {MaxUrl} characters with no spaces or control characters");
        }

        if (url.StartsWith('-'))
        {
            throw ApiProblemException.Invalid(field, "must not start with '-' (git would read it as an option)");
        }

        if (url.Contains("::", StringComparison.Ordinal))
        {
            throw ApiProblemException.Invalid(field, "git transport helpers (ext::, fd::, helper::address) are not allowed: they run commands");
        }

        if (url.IndexOf("://", StringComparison.Ordinal) is var separator and > 0)
        {
            var authority = url[(separator + 3)..].Split('/')[0];
            if (authority[(authority.LastIndexOf('@') + 1)..].StartsWith('-'))
            {
                throw ApiProblemException.Invalid(field, "needs a host that does not start with '-' (ssh would read it as an option)");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw ApiProblemException.Invalid(field, "is not a valid URL");
            }

            if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
            {
                throw ApiProblemException.Invalid(field, "must not carry a password: register a credential reference (env:NAME or file:/path) instead");
            }

            if (uri.Scheme is "https" or "http" or "ssh" && (uri.Host.Length == 0 || uri.Host.StartsWith('-')))
            {
                throw ApiProblemException.Invalid(field, "needs a host that does not start with '-'");
            }

            return uri.Scheme switch
            {
                "https" => "https",
                "ssh" => "ssh",
                "http" when IsLoopback(uri.Host) => "http",
                "http" => throw ApiProblemException.Invalid(field, "http:// is allowed only to a loopback host (127.0.0.1, ::1, localhost); use https://"),
                "file" when uri.IsLoopback && uri.LocalPath.StartsWith('/') => "file",
                "file" => throw ApiProblemException.Invalid(field, "file:// must name an absolute path on the server (file:///srv/git/repo.git)"),
                _ => throw ApiProblemException.Invalid(field, $"the scheme '{uri.Scheme}' is not allowed: use https://, ssh://, user@host:path, file:// or http:// on loopback"),
            };
        }

        if (ScpPattern().IsMatch(url))
        {
            return "ssh";
        }

        throw ApiProblemException.Invalid(field, "must be an https://, ssh://, user@host:path, file:// or (loopback) http:// URL");
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9._~/][^\\\\]*$")]
    private static partial Regex ScpPattern();
}
