using System.Text;
using System.Text.RegularExpressions;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Where the server finds a repository's secret: <c>env:NAME</c> (a variable of the server's environment),
/// <c>file:/absolute/path</c> (a file readable by the server) or <c>github-app:INSTALLATION_ID</c> (an installation
/// token of the server's GitHub App, asked of GitHub when the mirror is fetched). Only the reference is stored; the
/// secret is read at each fetch and handed to git through its environment — an <c>Authorization</c> header for http(s) as
/// <c>GIT_CONFIG_*</c> variables, the key file for ssh as <c>GIT_SSH_COMMAND</c> — never through its arguments, a
/// URL or a log line.
/// </summary>
/// <param name="Kind"><c>env</c>, <c>file</c> or <c>github-app</c>.</param>
/// <param name="Target">The variable's name, the file's path or the installation id.</param>
public sealed partial record CredentialReference(string Kind, string Target)
{
    /// <summary>The reference <paramref name="text"/> names, or null when it is not one.</summary>
    public static CredentialReference? Parse(string text) =>
        text.StartsWith("env:", StringComparison.Ordinal) && EnvName().IsMatch(text[4..]) ? new("env", text[4..])
        : text.StartsWith("file:/", StringComparison.Ordinal) && text.Length < 1000 && !text.Any(c => char.IsControl(c) || c is '\'' or '"' or '\\') ? new("file", text[5..])
        : text.StartsWith(GitHubAppKind + ":", StringComparison.Ordinal) && InstallationId().IsMatch(text[(GitHubAppKind.Length + 1)..]) ? new(GitHubAppKind, text[(GitHubAppKind.Length + 1)..])
        : null;

    /// <summary>The kind of a GitHub App installation's credential.</summary>
    public const string GitHubAppKind = "github-app";

    /// <summary>The installation of a <c>github-app:ID</c> credential; null for the others.</summary>
    public long? Installation => Kind == GitHubAppKind && long.TryParse(Target, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// The variables that give git the secret for <paramref name="scheme"/>. A secret <c>user:password</c> is sent as
    /// is; a bare token as <c>x-access-token:TOKEN</c> (what GitHub and GitLab accept for HTTPS). For ssh, the key file
    /// is passed to <paramref name="sshProgram"/> with <c>-i</c>; it must be a file only the server's user may read
    /// (ssh refuses others, with a message that would not say which repository).
    /// </summary>
    /// <returns>The variables, or why the credential cannot be used now — the variable unset, the file unreadable or open to others (saying which, never the secret).</returns>
    public Outcome<IReadOnlyDictionary<string, string>> GitEnvironment(string scheme, string sshProgram = "ssh")
    {
        if (scheme == "ssh")
        {
            if (!File.Exists(Target))
            {
                return Unusable($"the credential {this} names no readable key file");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Target) & OpenToOthers) != 0)
            {
                return Unusable($"the key file of the credential {this} may be read by others than the server's user (mode {Convert.ToString((int)File.GetUnixFileMode(Target), 8)}): make it 0600");
            }

            return new Outcome<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = $"'{sshProgram}' -i '{Target}' -o IdentitiesOnly=yes -o BatchMode=yes" });
        }

        if (Kind == GitHubAppKind)
        {
            return Unusable($"the credential {this} is an installation token, asked of GitHub at fetch time: the server has no GitHub App configured (serve --github-app-id)");
        }

        if (Read() is not { } read)
        {
            return Unusable(Kind == "env" ? $"the credential {this} is not set in the server's environment" : $"the credential {this} cannot be read");
        }

        return HttpEnvironment(read.Trim());
    }

    /// <summary>
    /// The variables that give git <paramref name="secret"/> for http(s) (an <c>Authorization: Basic</c> header as
    /// <c>GIT_CONFIG_*</c> variables): <c>user:password</c> as is, a bare token as <c>x-access-token:TOKEN</c>.
    /// </summary>
    public static Outcome<IReadOnlyDictionary<string, string>> HttpEnvironment(string secret)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret.Contains(':', StringComparison.Ordinal) ? secret : $"x-access-token:{secret}"));
        return new Outcome<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
        });
    }

    private static Problem.Unavailable Unusable(string why) => new("Credential unusable", why);

    private const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public override string ToString() => $"{Kind}:{Target}";

    /// <summary>The secret, or null when the variable is unset or the file cannot be read.</summary>
    private string? Read()
    {
        if (Kind == "env")
        {
            return Environment.GetEnvironmentVariable(Target) is { Length: > 0 } value ? value : null;
        }

        try
        {
            return File.ReadAllText(Target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[1-9][0-9]{0,17}$")]
    private static partial Regex InstallationId();
}
