using System.Text.RegularExpressions;

namespace Countersign.Engine.Enforcement;

/// <summary>One line of a pre-receive hook's input: <c>&lt;old-sha&gt; &lt;new-sha&gt; &lt;ref-name&gt;</c>.</summary>
public sealed partial record PushUpdate(string OldSha, string NewSha, string RefName)
{
    public bool IsCreate => IsZero(OldSha);

    public bool IsDelete => IsZero(NewSha);

    /// <summary>The branch name for <c>refs/heads/…</c>, null for tags and other refs.</summary>
    public string? Branch => RefName.StartsWith("refs/heads/", StringComparison.Ordinal) ? RefName["refs/heads/".Length..] : null;

    /// <summary>Parses one input line; null with an error message when it is not in the documented shape.</summary>
    public static PushUpdate? Parse(string line, out string? error)
    {
        var match = Line().Match(line.TrimEnd('\r'));
        if (!match.Success)
        {
            error = $"unexpected hook input line (want '<old-sha> <new-sha> <ref>'): {Countersign.Core.Text.UntrustedText.ForTerminal(line)}";
            return null;
        }

        error = null;
        return new PushUpdate(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
    }

    private static bool IsZero(string sha) => sha.All(c => c == '0');

    [GeneratedRegex("^([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) (refs/\\S+)$")]
    private static partial Regex Line();
}
