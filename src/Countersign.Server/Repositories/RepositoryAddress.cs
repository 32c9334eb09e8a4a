using System.Net;
using System.Text.RegularExpressions;
using Countersign.Contracts;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// What a repository registration may say, checked before anything is stored (each refusal a 400 naming the field, as a value).
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

    /// <summary>Null when the registration may be stored; otherwise the first field that may not.</summary>
    public static Problem.Invalid? Check(RepositoryRegistration? registration)
    {
        if (registration is null)
        {
            return new Problem.Invalid("$", "the body is empty");
        }

        if (Name("name", registration.Name) is { } badName)
        {
            return badName;
        }

        if (!Url("url", registration.Url).Succeeded(out var scheme, out var badUrl))
        {
            return (Problem.Invalid)badUrl;
        }

        if (registration.Credential is not { } credential)
        {
            return null;
        }

        return CredentialReference.Parse(credential) is not { } reference
            ? new Problem.Invalid("credential", "must be a reference to the secret — env:NAME (a variable of the server's environment), file:/absolute/path, or github-app:INSTALLATION_ID (a token of the server's GitHub App) — never the secret itself")
            : scheme == "file" ? new Problem.Invalid("credential", "a file:// repository is read without a credential")
            : scheme == "ssh" && reference.Kind != "file" ? new Problem.Invalid("credential", "an ssh repository's credential is a private key file: file:/absolute/path")
            : null;
    }

    /// <summary>Refuses a repository name that is not <c>owner/repo</c> (segments of letters, digits, '.', '_', '-').</summary>
    public static Problem.Invalid? Name(string field, string? name) =>
        name is null || name.Length > MaxName || !NamePattern().IsMatch(name)
            ? new Problem.Invalid(field, $"must be owner/repo: 2 or more segments of letters, digits, '.', '_' and '-', each starting with a letter or digit, at most {MaxName} characters")
            : null;

    /// <summary>The folder name of a repository's mirror (<c>owner+repo.git</c>).</summary>
    public static string MirrorFolder(string name) => name.Replace('/', '+') + ".git";

    /// <summary>The URL's kind — https, http, ssh or file — or a 400 when git could misuse it.</summary>
    public static Outcome<string> Url(string field, string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrl || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return new Problem.Invalid(field, $"must be 1 to {MaxUrl} characters with no spaces or control characters");
        }

        if (url.StartsWith('-'))
        {
            return new Problem.Invalid(field, "must not start with '-' (git would read it as an option)");
        }

        if (url.Contains("::", StringComparison.Ordinal))
        {
            return new Problem.Invalid(field, "git transport helpers (ext::, fd::, helper::address) are not allowed: they run commands");
        }

        if (url.IndexOf("://", StringComparison.Ordinal) is var separator and > 0)
        {
            var authority = url[(separator + 3)..].Split('/')[0];
            if (authority[(authority.LastIndexOf('@') + 1)..].StartsWith('-'))
            {
                return new Problem.Invalid(field, "needs a host that does not start with '-' (ssh would read it as an option)");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                return new Problem.Invalid(field, "is not a valid URL");
            }

            if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
            {
                return new Problem.Invalid(field, "must not carry a password: register a credential reference (env:NAME or file:/path) instead");
            }

            if (uri.Scheme is "https" or "http" or "ssh" && (uri.Host.Length == 0 || uri.Host.StartsWith('-')))
            {
                return new Problem.Invalid(field, "needs a host that does not start with '-'");
            }

            return uri.Scheme switch
            {
                "https" => "https",
                "ssh" => "ssh",
                "http" when IsLoopback(uri.Host) => "http",
                "http" => new Problem.Invalid(field, "http:// is allowed only to a loopback host (127.0.0.1, ::1, localhost); use https://"),
                "file" when uri.IsLoopback && uri.LocalPath.StartsWith('/') => "file",
                "file" => new Problem.Invalid(field, "file:// must name an absolute path on the server (file:///srv/git/repo.git)"),
                _ => new Problem.Invalid(field, $"the scheme '{uri.Scheme}' is not allowed: use https://, ssh://, user@host:path, file:// or http:// on loopback"),
            };
        }

        if (ScpPattern().IsMatch(url))
        {
            return "ssh";
        }

        return new Problem.Invalid(field, "must be an https://, ssh://, user@host:path, file:// or (loopback) http:// URL");
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9._~/][^\\\\]*$")]
    private static partial Regex ScpPattern();
}
