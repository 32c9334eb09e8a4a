namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Identity rules indexed by e-mail and by GitHub login, so that a commit's identities are checked with two
/// dictionary probes (no allocation) plus the few rules that need a name or a regex.
/// </summary>
internal sealed class IdentityIndex<T>
{
    private readonly Dictionary<string, List<(CompiledIdentity Identity, T Value)>> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(CompiledIdentity Identity, T Value)>> byLogin = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(CompiledIdentity Identity, T Value)> others = [];

    public void Add(CompiledIdentity identity, T value)
    {
        var pattern = identity.Pattern;
        if (pattern.Email is not null)
        {
            Bucket(byEmail, pattern.Email).Add((identity, value));
        }
        else if (pattern.GitHubLogin is not null)
        {
            Bucket(byLogin, pattern.GitHubLogin).Add((identity, value));
        }
        else
        {
            others.Add((identity, value));
        }
    }

    /// <summary>Calls <paramref name="onMatch"/> for every rule matching the identity, in declaration order per bucket.</summary>
    public void Match<TState>(ReadOnlySpan<char> name, ReadOnlySpan<char> email, ref TState state, MatchHandler<TState> onMatch)
    {
        if (byEmail.Count > 0 && byEmail.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(email.Trim(), out var emailRules))
        {
            Visit(emailRules, name, email, ref state, onMatch);
        }

        if (byLogin.Count > 0 && GitHubNoReply.TryGetLogin(email.Trim(), out var login)
            && byLogin.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(login, out var loginRules))
        {
            Visit(loginRules, name, email, ref state, onMatch);
        }

        Visit(others, name, email, ref state, onMatch);
    }

    public bool Any(ReadOnlySpan<char> name, ReadOnlySpan<char> email, Func<T, bool>? filter = null)
    {
        var found = false;
        Match(name, email, ref found, (ref bool f, T value) => f |= filter is null || filter(value));
        return found;
    }

    private static void Visit<TState>(List<(CompiledIdentity Identity, T Value)> rules, ReadOnlySpan<char> name, ReadOnlySpan<char> email, ref TState state, MatchHandler<TState> onMatch)
    {
        foreach (var (identity, value) in rules)
        {
            if (identity.Matches(name, email.Trim()))
            {
                onMatch(ref state, value);
            }
        }
    }

    private static List<(CompiledIdentity, T)> Bucket(Dictionary<string, List<(CompiledIdentity, T)>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }

    public delegate void MatchHandler<TState>(ref TState state, T value);
}
