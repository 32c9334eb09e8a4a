using System.Text.RegularExpressions;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Reads git-ai authorship logs (git-ai Standard v3.0.0): an attestation section, a line <c>---</c>, then JSON metadata.
/// Never throws on bad input: every problem becomes a diagnostic with the note's 1-based line and column,
/// and everything readable is kept. Tolerated with a warning: indentation other than two spaces, spaces inside
/// range lists, unrecognised key shapes (routed as legacy prompts, as v4 readers do), other <c>authorship/*</c>
/// schema versions, keys missing from the metadata. Errors drop only the offending entry or range.
/// </summary>
public static partial class GitAiNoteParser
{
    public const string Divider = "---";

    public static GitAiNoteParseResult Parse(string noteText, string source)
    {
        var diagnostics = new List<Diagnostic>();
        if (string.IsNullOrWhiteSpace(noteText))
        {
            diagnostics.Add(Diagnostic.Error(source, "git-ai note is empty"));
            return new GitAiNoteParseResult(null, diagnostics);
        }

        var lines = noteText.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var divider = FindDivider(lines, source, diagnostics);
        var attestationEnd = divider ?? FindJsonStart(lines) ?? lines.Count;
        var entries = new List<(string Path, GitAiAttestation Entry, int Line)>();
        var files = ReadAttestations(lines, attestationEnd, source, diagnostics, entries);

        var metadataStart = divider is { } d ? d + 1 : FindJsonStart(lines);
        GitAiMetadata metadata;
        if (metadataStart is { } start)
        {
            metadata = GitAiMetadataReader.Read(string.Join('\n', lines.Skip(start)), start + 1, source, diagnostics);
        }
        else
        {
            metadata = GitAiMetadata.Empty;
        }

        var note = new GitAiNote(
            metadata.SchemaVersion, metadata.BaseCommitSha, metadata.GitAiVersion, files,
            metadata.Prompts, metadata.Sessions, metadata.Humans);
        if (metadata.Readable)
        {
            ReportUnresolvedKeys(note, entries, source, diagnostics);
        }

        return new GitAiNoteParseResult(note, diagnostics);
    }

    private static int? FindDivider(List<string> lines, string source, List<Diagnostic> diagnostics)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] == Divider)
            {
                return i;
            }

            if (lines[i].Trim() == Divider)
            {
                diagnostics.Add(Diagnostic.Warning(source, "divider '---' must stand alone without surrounding whitespace", i + 1, 1));
                return i;
            }
        }

        var json = FindJsonStart(lines);
        diagnostics.Add(json is { } at
            ? Diagnostic.Error(source, "missing '---' divider before the JSON metadata", at + 1, 1)
            : Diagnostic.Error(source, "missing '---' divider and JSON metadata", lines.Count, 1));
        return null;
    }

    private static int? FindJsonStart(List<string> lines)
    {
        var index = lines.FindIndex(l => l.StartsWith('{'));
        return index < 0 ? null : index;
    }

    private static List<GitAiFileAttestation> ReadAttestations(
        List<string> lines, int end, string source, List<Diagnostic> diagnostics, List<(string, GitAiAttestation, int)> entries)
    {
        var byPath = new Dictionary<string, List<GitAiAttestation>>(StringComparer.Ordinal);
        var pathLines = new Dictionary<string, int>(StringComparer.Ordinal);
        string? current = null;
        for (var i = 0; i < end; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                if (current is null)
                {
                    diagnostics.Add(Diagnostic.Error(source, "attestation entry before any file path", lineNumber, 1));
                    continue;
                }

                if (ReadEntry(line, lineNumber, source, diagnostics) is { } entry)
                {
                    byPath[current].Add(entry);
                    entries.Add((current, entry, lineNumber));
                }

                continue;
            }

            current = ReadPath(line, lineNumber, source, diagnostics);
            if (current.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(source, "empty file path", lineNumber, 1));
                current = null;
            }
            else if (!byPath.ContainsKey(current))
            {
                byPath[current] = [];
                pathLines[current] = lineNumber;
            }
        }

        foreach (var (path, list) in byPath.Where(p => p.Value.Count == 0))
        {
            diagnostics.Add(Diagnostic.Warning(source, $"file '{path}' has no attestation entries", pathLines[path], 1));
        }

        return byPath.Where(p => p.Value.Count > 0).Select(p => new GitAiFileAttestation(p.Key, p.Value)).ToList();
    }

    private static string ReadPath(string line, int lineNumber, string source, List<Diagnostic> diagnostics)
    {
        if (!line.StartsWith('"'))
        {
            return line.TrimEnd();
        }

        var path = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
            {
                path.Append(line[++i]);
            }
            else if (line[i] == '"')
            {
                if (line[(i + 1)..].Trim().Length > 0)
                {
                    diagnostics.Add(Diagnostic.Warning(source, "text after the closing quote of a file path is ignored", lineNumber, i + 2));
                }

                return path.ToString();
            }
            else
            {
                path.Append(line[i]);
            }
        }

        diagnostics.Add(Diagnostic.Error(source, "file path has no closing quote", lineNumber, 1));
        return path.ToString();
    }

    private static GitAiAttestation? ReadEntry(string line, int lineNumber, string source, List<Diagnostic> diagnostics)
    {
        var indent = line.Length - line.TrimStart().Length;
        if (indent != 2 || line[0] != ' ' || line[1] != ' ')
        {
            diagnostics.Add(Diagnostic.Warning(source, "attestation entries should be indented with exactly two spaces", lineNumber, 1));
        }

        var keyEnd = indent;
        while (keyEnd < line.Length && !char.IsWhiteSpace(line[keyEnd]))
        {
            keyEnd++;
        }

        var key = line[indent..keyEnd];
        var rangesStart = keyEnd;
        while (rangesStart < line.Length && char.IsWhiteSpace(line[rangesStart]))
        {
            rangesStart++;
        }

        if (rangesStart >= line.Length)
        {
            diagnostics.Add(Diagnostic.Error(source, $"attestation entry '{key}' has no line ranges", lineNumber, line.Length + 1));
            return null;
        }

        var kind = ClassifyKey(key, lineNumber, indent + 1, source, diagnostics);
        var ranges = LineRangeText.Parse(line, rangesStart, lineNumber, source, diagnostics);
        return ranges.Count == 0 ? null : new GitAiAttestation(key, kind, ranges);
    }

    private static GitAiKeyKind ClassifyKey(string key, int line, int column, string source, List<Diagnostic> diagnostics)
    {
        if (key.StartsWith("s_", StringComparison.Ordinal))
        {
            if (!SessionKey().IsMatch(key))
            {
                diagnostics.Add(Diagnostic.Warning(source, $"session key '{key}' is not of the form s_<hex>::t_<hex>", line, column));
            }

            return GitAiKeyKind.Session;
        }

        if (key.StartsWith("h_", StringComparison.Ordinal))
        {
            if (!HumanKey().IsMatch(key))
            {
                diagnostics.Add(Diagnostic.Warning(source, $"human key '{key}' is not of the form h_<hex>", line, column));
            }

            return GitAiKeyKind.Human;
        }

        if (!LegacyKey().IsMatch(key))
        {
            diagnostics.Add(Diagnostic.Warning(source, $"unrecognised attestation key '{key}'; read as a legacy prompt key", line, column));
        }

        return GitAiKeyKind.LegacyPrompt;
    }

    private static void ReportUnresolvedKeys(
        GitAiNote note, List<(string Path, GitAiAttestation Entry, int Line)> entries, string source, List<Diagnostic> diagnostics)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, entry, line) in entries)
        {
            var (found, map) = entry.Kind switch
            {
                GitAiKeyKind.Human => (note.Humans.ContainsKey(entry.Key), "humans"),
                GitAiKeyKind.Session => (note.Sessions.ContainsKey(GitAiNote.SessionId(entry.Key)), "sessions"),
                _ => (note.Prompts.ContainsKey(entry.Key), "prompts"),
            };
            if (!found && reported.Add(entry.Key))
            {
                diagnostics.Add(Diagnostic.Warning(source, $"key '{entry.Key}' has no record in metadata.{map}", line, 3));
            }
        }
    }

    [GeneratedRegex("^s_[0-9a-f]+::t_[0-9a-f]+$", RegexOptions.IgnoreCase)]
    private static partial Regex SessionKey();

    [GeneratedRegex("^h_[0-9a-f]+$", RegexOptions.IgnoreCase)]
    private static partial Regex HumanKey();

    [GeneratedRegex("^[0-9a-f]{7,64}$", RegexOptions.IgnoreCase)]
    private static partial Regex LegacyKey();
}
