using System.Net;
using System.Text;
using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;

namespace Countersign.Cli.Output.Policy;

/// <summary>
/// The result as GitHub-flavoured Markdown for a PR comment or <c>$GITHUB_STEP_SUMMARY</c>: a heading with the verdict,
/// a table of rules, then the details of every rule that applies. Untrusted text is HTML-encoded and Markdown
/// punctuation escaped so a commit author cannot inject links, images or markup.
/// </summary>
internal static class MarkdownRenderer
{
    public static string Render(PolicyResult result, ChangeFacts change)
    {
        var lines = ResultExplainer.Explain(result, change);
        var md = new StringBuilder();
        var icon = result.Passed ? "✅" : result.Status == OverallStatus.Pending ? "⏳" : "❌";
        md.AppendLine($"### {icon} Countersign: {ResultExplainer.Word(result.Status)}");
        md.AppendLine();
        md.AppendLine(Escape(result.Summary));
        md.AppendLine();
        md.AppendLine($"<sub>{Escape(ResultExplainer.Describe(change))}</sub>");
        md.AppendLine();
        md.AppendLine("| rule | mode | status | why |");
        md.AppendLine("|---|---|---|---|");
        foreach (var rule in result.Rules)
        {
            var why = rule.Requirement is { Missing.Length: > 0 } r ? r.Missing : rule.Condition?.Explanation ?? "applies to every change";
            md.AppendLine($"| `{Code(rule.Name)}` | {(rule.Mode == Core.Policy.RuleMode.Warn ? "warn" : "enforce")} | {ResultExplainer.StatusWord(rule.Status)} | {Cell(why)} |");
        }

        md.AppendLine();
        md.AppendLine("<details><summary>Details</summary>");
        md.AppendLine();
        md.AppendLine("```text");
        foreach (var line in lines.Skip(1))
        {
            // Inside a fence nothing is interpreted; only a fence line could end it early.
            md.AppendLine((new string(' ', line.Indent * 2) + UntrustedText.ForTerminal(line.Text, CliContext.MaxLineLength)).Replace("```", "ˋˋˋ", StringComparison.Ordinal));
        }

        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("</details>");
        return md.ToString();
    }

    /// <summary>HTML-encodes and backslash-escapes Markdown punctuation.</summary>
    internal static string Escape(string text)
    {
        var encoded = WebUtility.HtmlEncode(UntrustedText.ForTerminal(text, CliContext.MaxLineLength));
        var sb = new StringBuilder(encoded.Length);
        foreach (var c in encoded)
        {
            if ("\\`*_{}[]()#+-.!|~".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);

    private static string Code(string text) => UntrustedText.ForTerminal(text).Replace("`", "'", StringComparison.Ordinal).Replace("|", "/", StringComparison.Ordinal);
}
