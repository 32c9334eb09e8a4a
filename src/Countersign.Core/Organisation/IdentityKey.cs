namespace Countersign.Core.Organisation;

/// <summary>
/// One identity a person or bot is recognised by, normalised so that two spellings of the same identity are one key:
/// e-mails and logins compare case-insensitively, and a GitHub or GitLab no-reply address is also the login it names.
/// </summary>
/// <param name="What">What the identity is, in words: <c>e-mail</c>, <c>GitHub handle</c> or <c>GitLab handle</c>.</param>
/// <param name="Value">The identity as written.</param>
/// <param name="Shown">How the value is named in messages (a no-reply address says which login it stands for).</param>
public sealed record IdentityKey(string What, string Value, string Shown)
{
    public const string Email = "e-mail";
    public const string GitHubHandle = "GitHub handle";
    public const string GitLabHandle = "GitLab handle";

    /// <summary>The comparison key: kind and lower-cased value.</summary>
    public string Normalised { get; } = $"{What}:{Value.Trim().ToLowerInvariant()}";

    /// <summary>The key stands for another identity (a login named by a no-reply address).</summary>
    public bool IsDerived => Shown != $"{What} '{Value}'";

    /// <summary>The keys of an e-mail address: the address, and for a no-reply address the login it names.</summary>
    public static IEnumerable<IdentityKey> OfEmail(string email)
    {
        yield return new IdentityKey(Email, email, $"e-mail '{email}'");
        if (NoreplyAddress.LoginOf(email.Trim()) is { } noreply)
        {
            var what = noreply.Platform == HandlePlatform.GitHub ? GitHubHandle : GitLabHandle;
            yield return new IdentityKey(what, noreply.Login, $"e-mail '{email}' (the {noreply.Platform} no-reply address of '{noreply.Login}')");
        }
    }

    /// <summary>The key of a login (a leading <c>@</c> is ignored).</summary>
    public static IdentityKey OfHandle(HandlePlatform platform, string login)
    {
        var what = platform == HandlePlatform.GitHub ? GitHubHandle : GitLabHandle;
        var value = login.Trim().TrimStart('@');
        return new IdentityKey(what, value, $"{what} '{value}'");
    }

    /// <summary>Every key of a person: their e-mails (with no-reply logins) and handles.</summary>
    public static IEnumerable<IdentityKey> Of(Person person) =>
        person.Emails.SelectMany(OfEmail).Concat(Handles(person.GitHub, person.GitLab));

    /// <summary>Every key of a bot (its name pattern is not an identity).</summary>
    public static IEnumerable<IdentityKey> Of(BotIdentity bot) =>
        (bot.Email is { } email ? OfEmail(email) : []).Concat(Handles(bot.GitHub, bot.GitLab));

    private static IEnumerable<IdentityKey> Handles(string? gitHub, string? gitLab)
    {
        if (gitHub is not null)
        {
            yield return OfHandle(HandlePlatform.GitHub, gitHub);
        }

        if (gitLab is not null)
        {
            yield return OfHandle(HandlePlatform.GitLab, gitLab);
        }
    }
}
