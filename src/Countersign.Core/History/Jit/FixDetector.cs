using System.Text.RegularExpressions;

namespace Countersign.Core.History.Jit;

/// <summary>
/// Decides whether a commit message describes a fix (Kamei's FIX feature): fix/bug/defect keywords as
/// whole words in the subject, a <c>Fixes:</c> trailer, or a revert.
/// </summary>
public static partial class FixDetector
{
    public static bool IsFix(string message)
    {
        var subjectEnd = message.IndexOf('\n', StringComparison.Ordinal);
        var subject = subjectEnd < 0 ? message : message[..subjectEnd];
        return SubjectKeywords().IsMatch(subject) || FixesTrailer().IsMatch(message);
    }

    [GeneratedRegex(@"\b(fix(e[sd])?|fixing|bug(fix)?s?|hotfix|defects?|revert(s|ed)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectKeywords();

    [GeneratedRegex(@"^(Fixes|Closes|Resolves):\s*\S", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FixesTrailer();
}
