using System.Text.RegularExpressions;
using Countersign.Core.History;

namespace Countersign.Core.Organisation;

/// <summary>
/// Finds the person or bot behind a commit identity or a platform login. It never guesses: only an e-mail or handle
/// the directory lists (after <c>.mailmap</c> canonicalisation, and through GitHub and GitLab noreply addresses)
/// identifies a person; names are never matched to people. An e-mail or handle claimed by more than one person is
/// <see cref="IdentityMatchKind.Ambiguous"/>, not a pick. Bot name patterns are consulted only when nothing matched
/// exactly. Indexes are built once; each lookup is a few dictionary probes.
/// </summary>
public sealed class IdentityResolver
{
    private readonly Mailmap mailmap;
    private readonly Dictionary<string, Claim> emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Claim> gitHubLogins = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Claim> gitLabLogins = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(BotIdentity Bot, Regex Pattern)> namePatterns = [];

    /// <exception cref="ArgumentException">A bot's name pattern is not a valid regular expression (the readers never let one through).</exception>
    public IdentityResolver(OrgDirectory directory, Mailmap? mailmap = null)
    {
        Directory = directory;
        this.mailmap = mailmap ?? Mailmap.Empty;
        foreach (var person in directory.People)
        {
            foreach (var email in person.Emails)
            {
                ClaimOf(emails, email)?.Add(person);
            }

            ClaimOf(gitHubLogins, person.GitHub)?.Add(person);
            ClaimOf(gitLabLogins, person.GitLab)?.Add(person);
        }

        foreach (var bot in directory.Bots)
        {
            ClaimOf(emails, bot.Email)?.Add(bot);
            ClaimOf(gitHubLogins, bot.GitHub)?.Add(bot);
            ClaimOf(gitLabLogins, bot.GitLab)?.Add(bot);
            if (bot.NamePattern is { } pattern)
            {
                try
                {
                    namePatterns.Add((bot, BotIdentity.CompileNamePattern(pattern)));
                }
                catch (NotSupportedException e)
                {
                    throw new ArgumentException($"bot name pattern '{pattern}' is not supported: {e.Message}", nameof(directory), e);
                }
            }
        }
    }

    public OrgDirectory Directory { get; }

    /// <summary>Resolves the author or committer of a commit.</summary>
    public IdentityMatch Resolve(GitIdentity identity) => Resolve(identity.Name, identity.Email);

    /// <summary>
    /// Resolves a commit identity: the <c>.mailmap</c>'s canonical e-mail first, then the e-mail as recorded; each
    /// looked up as listed, then as a GitHub or GitLab noreply address. Then bot name patterns on the name.
    /// </summary>
    public IdentityMatch Resolve(string name, string email)
    {
        name = name.Trim();
        email = email.Trim();
        var (mappedName, mappedEmail) = mailmap.Map(name, email);
        var emailMapped = !string.Equals(mappedEmail, email, StringComparison.OrdinalIgnoreCase);
        string? miss = null;
        foreach (var (key, viaMailmap) in emailMapped ? [(mappedEmail, true), (email, false)] : new[] { (email, false) })
        {
            if (key.Length == 0)
            {
                continue;
            }

            var subject = viaMailmap ? $"{email}, mapped by .mailmap to {key}," : key;
            if (emails.TryGetValue(key, out var claim))
            {
                return claim.Match(IdentityMatchKind.Email, viaMailmap, key, subject, "is an e-mail of");
            }

            if (NoreplyAddress.LoginOf(key) is { } noreply)
            {
                var (platform, kind, logins) = noreply.Platform == HandlePlatform.GitHub
                    ? ("GitHub", IdentityMatchKind.GitHubNoreply, gitHubLogins)
                    : ("GitLab", IdentityMatchKind.GitLabNoreply, gitLabLogins);
                if (logins.TryGetValue(noreply.Login, out var handleClaim))
                {
                    return handleClaim.Match(kind, viaMailmap, noreply.Login, subject, $"is the {platform} noreply address of '{noreply.Login}', the {platform} handle of");
                }

                miss ??= $"{subject} is the {platform} noreply address of '{noreply.Login}', but no person or bot has that {platform} handle";
            }
        }

        foreach (var candidate in new[] { mappedName, name }.Distinct(StringComparer.Ordinal).Where(n => n.Length > 0))
        {
            if (MatchNamePattern(candidate) is { } bot)
            {
                return new IdentityMatch(IdentityMatchKind.BotNamePattern, null, true, candidate != name, candidate,
                    $"no e-mail matched, but the name '{candidate}' matches the bot pattern '{bot.NamePattern}'");
            }
        }

        var shown = emailMapped ? $"{email} (mapped by .mailmap to {mappedEmail})" : email;
        return email.Length == 0 && mappedEmail.Length == 0
            ? IdentityMatch.Unresolved("", "the identity has no e-mail address, and names are never matched to people")
            : IdentityMatch.Unresolved(emailMapped ? mappedEmail : email,
                (miss ?? $"no person or bot has the e-mail {shown}") + "; names are never matched to people", emailMapped);
    }

    /// <summary>Resolves a login on a platform (a reviewer, a pull-request author). A leading <c>@</c> is ignored.</summary>
    public IdentityMatch ResolveHandle(HandlePlatform platform, string login)
    {
        login = login.Trim().TrimStart('@');
        var platformName = platform == HandlePlatform.GitHub ? "GitHub" : "GitLab";
        if (login.Length == 0)
        {
            return IdentityMatch.Unresolved("", $"no {platformName} login was given");
        }

        var logins = platform == HandlePlatform.GitHub ? gitHubLogins : gitLabLogins;
        if (logins.TryGetValue(login, out var claim))
        {
            return claim.Match(IdentityMatchKind.Handle, false, login, $"{platformName} user '{login}'", "is the handle of");
        }

        if (MatchNamePattern(login) is { } bot)
        {
            return new IdentityMatch(IdentityMatchKind.BotNamePattern, null, true, false, login,
                $"{platformName} user '{login}' matches the bot pattern '{bot.NamePattern}'");
        }

        return IdentityMatch.Unresolved(login, $"no person or bot has the {platformName} handle '{login}'");
    }

    private BotIdentity? MatchNamePattern(string name) =>
        namePatterns.FirstOrDefault(p => p.Pattern.IsMatch(name)).Bot;

    private static Claim? ClaimOf(Dictionary<string, Claim> index, string? key)
    {
        if (key is null)
        {
            return null;
        }

        if (!index.TryGetValue(key, out var claim))
        {
            index[key] = claim = new Claim();
        }

        return claim;
    }

    /// <summary>Everyone who lists one e-mail or handle.</summary>
    private sealed class Claim
    {
        private readonly List<Person> people = [];
        private readonly List<BotIdentity> bots = [];

        public void Add(Person person)
        {
            if (!people.Contains(person))
            {
                people.Add(person);
            }
        }

        public void Add(BotIdentity bot) => bots.Add(bot);

        public IdentityMatch Match(IdentityMatchKind how, bool viaMailmap, string key, string subject, string relation)
        {
            if (people.Count + (bots.Count > 0 ? 1 : 0) > 1)
            {
                var claimants = people.Select(p => p.Id).Concat(bots.Count > 0 ? ["a bot"] : []);
                return new IdentityMatch(IdentityMatchKind.Ambiguous, null, false, viaMailmap, key,
                    $"{subject} is listed for more than one identity ({string.Join(", ", claimants)}); Countersign does not guess which");
            }

            return people.Count == 1
                ? new IdentityMatch(how, people[0], false, viaMailmap, key, $"{subject} {relation} {people[0]}")
                : new IdentityMatch(how, null, true, viaMailmap, key, $"{subject} {relation} a bot ({bots[0]})");
        }
    }
}
