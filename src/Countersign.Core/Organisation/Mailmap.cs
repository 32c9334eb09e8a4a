using Countersign.Core.Diagnostics;
using Countersign.Core.History;

namespace Countersign.Core.Organisation;

/// <summary>
/// A git <c>.mailmap</c>, mapping the names and e-mails recorded in commits to canonical ones exactly as
/// <c>git check-mailmap</c> does (git's <c>mailmap.c</c>). The four line forms are:
/// <code>
/// Proper Name &lt;commit@email&gt;
/// &lt;proper@email&gt; &lt;commit@email&gt;
/// Proper Name &lt;proper@email&gt; &lt;commit@email&gt;
/// Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;
/// </code>
/// Lines starting with <c>#</c> are comments. Commit e-mails and names are matched case-insensitively. An entry
/// with a commit name applies only to that name; otherwise the entry without one applies. Later lines override
/// earlier ones for the same key. Git compares case only for ASCII letters; this compares with ordinal case-folding,
/// so it also equates non-ASCII letters that differ in case.
/// </summary>
public sealed class Mailmap
{
    /// <summary>What C's <c>isspace</c> accepts, which is what git trims names with.</summary>
    private static readonly char[] CSpace = [' ', '\t', '\n', '\v', '\f', '\r'];

    private readonly Dictionary<string, Entry> entries;

    private Mailmap(Dictionary<string, Entry> entries) => this.entries = entries;

    public static Mailmap Empty { get; } = new(new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase));

    /// <summary>Number of distinct commit e-mails the mailmap has lines for.</summary>
    public int Count => entries.Count;

    /// <summary>
    /// Parses <paramref name="text"/>. Never throws on bad input: lines git ignores are reported as errors and text
    /// git ignores after the last e-mail as warnings, each with <paramref name="source"/>, line and column.
    /// </summary>
    public static MailmapParseResult Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        var diagnostics = new List<Diagnostic>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var first = ParseNameAndEmail(line, 0, allowEmptyEmail: false);
            if (first.Problem is { } problem)
            {
                diagnostics.Add(Diagnostic.Error(source, $"{problem}; git ignores this line", i + 1, first.Column));
                continue;
            }

            var second = ParseNameAndEmail(line, first.End, allowEmptyEmail: true);
            var tailStart = second.Problem is null ? second.End : first.End;
            while (tailStart < line.Length && CSpace.Contains(line[tailStart]))
            {
                tailStart++;
            }

            var tail = line[tailStart..].TrimEnd(CSpace);
            if (tail.Length > 0 && !tail.StartsWith('#'))
            {
                diagnostics.Add(Diagnostic.Warning(source, $"git ignores '{tail}' after the last e-mail", i + 1, tailStart + 1));
            }

            if (second.Problem is null)
            {
                Add(entries, first.Name, first.Email, second.Name, second.Email!);
            }
            else
            {
                Add(entries, first.Name, null, null, first.Email!);
            }
        }

        return new MailmapParseResult(new Mailmap(entries), diagnostics);
    }

    /// <summary>The canonical name and e-mail for an identity as recorded in a commit; the input when nothing maps it.</summary>
    public (string Name, string Email) Map(string name, string email)
    {
        if (!entries.TryGetValue(email, out var entry))
        {
            return (name, email);
        }

        var (properName, properEmail) = entry.ByName is { } byName && byName.TryGetValue(name, out var specific)
            ? specific
            : (entry.Name, entry.Email);
        return (properName ?? name, properEmail ?? email);
    }

    /// <summary>The identity with its name and e-mail mapped; the timestamp is kept.</summary>
    public GitIdentity Map(GitIdentity identity)
    {
        var (name, email) = Map(identity.Name, identity.Email);
        return identity with { Name = name, Email = email };
    }

    /// <summary>git's <c>add_mapping</c>: one entry per commit e-mail, with an optional table by commit name.</summary>
    private static void Add(Dictionary<string, Entry> entries, string? properName, string? properEmail, string? commitName, string commitEmail)
    {
        if (!entries.TryGetValue(commitEmail, out var entry))
        {
            entries[commitEmail] = entry = new Entry();
        }

        if (commitName is null)
        {
            entry.Name = properName ?? entry.Name;
            entry.Email = properEmail ?? entry.Email;
        }
        else
        {
            entry.ByName ??= new Dictionary<string, (string?, string?)>(StringComparer.OrdinalIgnoreCase);
            entry.ByName[commitName] = (properName, properEmail);
        }
    }

    /// <summary>
    /// git's <c>parse_name_and_email</c> from <paramref name="start"/>: the name is the trimmed text before the next
    /// <c>&lt;</c> (null when empty), the e-mail the untrimmed text up to the next <c>&gt;</c>.
    /// </summary>
    private static Part ParseNameAndEmail(string line, int start, bool allowEmptyEmail)
    {
        var left = line.IndexOf('<', start);
        if (left < 0)
        {
            return new Part(null, null, start, start + 1, "no <e-mail> on this line");
        }

        var right = line.IndexOf('>', left + 1);
        if (right < 0)
        {
            return new Part(null, null, start, left + 1, "'<' without a closing '>'");
        }

        if (!allowEmptyEmail && right == left + 1)
        {
            return new Part(null, null, start, left + 1, "empty e-mail '<>'");
        }

        var name = line[start..left].Trim(CSpace);
        return new Part(name.Length == 0 ? null : name, line[(left + 1)..right], right + 1, left + 1, null);
    }

    private readonly record struct Part(string? Name, string? Email, int End, int Column, string? Problem);

    private sealed class Entry
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public Dictionary<string, (string? Name, string? Email)>? ByName { get; set; }
    }
}
