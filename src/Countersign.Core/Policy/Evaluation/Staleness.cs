using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Whether a sign-off still applies to the change's current content. Same patch identity: it does (a pure rebase
/// changes commit ids, never the patch identity). Otherwise the rule's <see cref="StalenessMode"/> decides.
/// </summary>
internal static class Staleness
{
    public const int FilesNamed = 3;

    /// <summary>Null when the sign-off still counts; otherwise why it was dismissed.</summary>
    public static string? WhyDismissed(SignOff signOff, ChangeFacts change, PolicyRule rule)
    {
        if (signOff.PatchId == change.PatchId)
        {
            return null;
        }

        var mode = rule.Requires.InvalidateOn;
        if (mode == StalenessMode.Never)
        {
            return null;
        }

        if (mode == StalenessMode.RulePaths && rule.OwnPaths.Count > 0)
        {
            var changed = signOff.FilePatchIds.Keys.Concat(change.FilePatchIds.Keys)
                .Distinct(StringComparer.Ordinal)
                .Where(path => rule.OwnPaths.Any(p => p.Selects(path)))
                .Where(path => signOff.FilePatchIds.GetValueOrDefault(path) != change.FilePatchIds.GetValueOrDefault(path))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (changed.Count == 0)
            {
                return null;
            }

            var named = string.Join(", ", changed.Take(FilesNamed)) + (changed.Count > FilesNamed ? $" and {changed.Count - FilesNamed} more" : "");
            return $"the rule's files changed since then: {named}";
        }

        return $"new content since then (patch {Short(signOff.PatchId)} → {Short(change.PatchId)})";
    }

    /// <summary>A patch identity as people read it: its first seven characters.</summary>
    public static string Short(string id) => id.Length == 0 ? "empty" : id[..Math.Min(7, id.Length)];
}
