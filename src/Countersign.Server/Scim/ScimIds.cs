using System.Text;

namespace Countersign.Server.Scim;

/// <summary>The ids provisioning gives new people and teams: readable stems from userName / displayName, made unique.</summary>
internal static class ScimIds
{
    private const int MaxId = 64;

    /// <summary>The person id a userName suggests: its local part, lower-cased, only <c>[a-z0-9._-]</c>.</summary>
    public static string PersonStem(string userName)
    {
        var local = userName.Split('@')[0].ToLowerInvariant();
        var id = new string(local.Where(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-').ToArray()).Trim('.', '_', '-');
        id = id.Length > MaxId ? id[..MaxId] : id;
        return id.Length == 0 ? "user" : id;
    }

    /// <summary>The team id a displayName suggests: lower-case words of <c>[a-z0-9]</c> joined by '-'.</summary>
    public static string TeamStem(string displayName)
    {
        var slug = new StringBuilder();
        foreach (var ch in displayName.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString().Trim('-');
        id = id.Length > MaxId ? id[..MaxId].Trim('-') : id;
        return id.Length == 0 ? "team" : id;
    }

    /// <summary><paramref name="stem"/>, or with the first numeric suffix (2, 3, …) not in <paramref name="taken"/>.</summary>
    public static string Unique(string stem, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(stem))
        {
            return stem;
        }

        for (var n = 2; ; n++)
        {
            if (!taken.Contains($"{stem}{n}"))
            {
                return $"{stem}{n}";
            }
        }
    }
}
