using Countersign.Core.Diagnostics;

namespace Countersign.Core.Organisation;

/// <summary>
/// Imports people from a CSV export (HR systems, spreadsheets). The first record is the header; column names are
/// matched case-insensitively, any order, only <c>id</c> required:
/// <code>
/// id,name,emails,github,gitlab,level,teams,manager
/// dana,Dana Mid,dana@acme.example;dana.m@users.example,dana-m,dana,mid,payments,erin
/// </code>
/// <c>emails</c> and <c>teams</c> hold several values separated by <c>;</c>. Quoting follows RFC 4180
/// (see <see cref="CsvParser"/>). Never throws on bad input: problems are diagnostics with line, column and the
/// column name as field, and the same checks as the YAML reader apply (<see cref="OrgDirectoryBuilder"/>).
/// </summary>
public static class OrgDirectoryCsvReader
{
    private static readonly string[] Columns = ["id", "name", "emails", "github", "gitlab", "level", "teams", "manager"];

    /// <param name="csvText">The CSV text.</param>
    /// <param name="source">Name used in diagnostics.</param>
    /// <param name="levels">The organisation's levels, lowest first (e.g. from its YAML directory, or <see cref="OrgDirectory.DefaultLevels"/>).</param>
    /// <param name="teams">
    /// The organisation's teams, to check the <c>teams</c> column against. When null, every team named in the CSV is
    /// created (id and name as written, no parent), since a CSV of people has nowhere to declare teams.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="levels"/> or <paramref name="teams"/> contain duplicates.</exception>
    public static OrgDirectoryParseResult Read(string csvText, string source, IReadOnlyList<string> levels, IReadOnlyList<Team>? teams = null)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        ArgumentNullException.ThrowIfNull(levels);
        var diagnostics = new List<Diagnostic>();
        var records = CsvParser.Parse(csvText, source, diagnostics);
        var builder = new OrgDirectoryBuilder(source, diagnostics);
        if (records.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(source, $"the file is empty; it needs a header record such as {string.Join(",", Columns)}", 1, 1));
            return new OrgDirectoryParseResult(new OrgDirectory(levels, teams ?? [], [], []), diagnostics);
        }

        var header = ReadHeader(records[0], source, diagnostics);
        var people = new List<PersonDraft>();
        if (header.ContainsKey("id"))
        {
            foreach (var record in records.Skip(1))
            {
                if (ReadPerson(record, header, records[0].Count, source, diagnostics) is { } person)
                {
                    people.Add(person);
                }
            }
        }
        else
        {
            diagnostics.Add(Diagnostic.Error(source, $"the header has no 'id' column; the columns are {string.Join(", ", Columns)}", records[0][0].Line, 1));
        }

        var directory = builder.Build(levels, teams ?? [], people, [], createMissingTeams: teams is null);
        return new OrgDirectoryParseResult(directory, diagnostics);
    }

    private static Dictionary<string, int> ReadHeader(List<CsvCell> header, string source, List<Diagnostic> diagnostics)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var cell = header[i];
            var name = cell.Value.Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                diagnostics.Add(Diagnostic.Error(source, $"unknown column '{cell.Value.Trim()}'{Spelling.DidYouMean(name, Columns)}; it is ignored. The columns are {string.Join(", ", Columns)}", cell.Line, cell.Column, cell.Value.Trim()));
            }
            else if (!positions.TryAdd(name, i))
            {
                diagnostics.Add(Diagnostic.Error(source, $"column '{name}' appears twice; only the first is read", cell.Line, cell.Column, name));
            }
        }

        return positions;
    }

    private static PersonDraft? ReadPerson(List<CsvCell> record, Dictionary<string, int> header, int width, string source, List<Diagnostic> diagnostics)
    {
        if (record.Count > width)
        {
            var extra = record[width];
            diagnostics.Add(Diagnostic.Error(source, $"this record has {record.Count} fields but the header has {width}; the extra ones are ignored", extra.Line, extra.Column));
        }
        else if (record.Count < width)
        {
            diagnostics.Add(Diagnostic.Warning(source, $"this record has {record.Count} fields but the header has {width}; the missing ones are read as empty", record[0].Line, record[0].Column));
        }

        var id = Single(record, header, "id");
        if (id is null)
        {
            diagnostics.Add(Diagnostic.Error(source, "this record has no id; it is skipped", record[0].Line, record[0].Column, "id"));
            return null;
        }

        if (id.Value.Value.Any(char.IsWhiteSpace))
        {
            diagnostics.Add(Diagnostic.Error(source, $"person id '{id.Value.Value}' must not contain spaces; the record is skipped", id.Value.Line, id.Value.Column, "id"));
            return null;
        }

        return new PersonDraft(
            id.Value,
            Single(record, header, "name"),
            Several(record, header, "emails"),
            Single(record, header, "github")?.AsHandle(),
            Single(record, header, "gitlab")?.AsHandle(),
            Single(record, header, "level"),
            Several(record, header, "teams"),
            Single(record, header, "manager"));
    }

    private static Located? Single(List<CsvCell> record, Dictionary<string, int> header, string column) =>
        Several(record, header, column, separator: null) is [var single] ? single : null;

    /// <summary>
    /// The trimmed, non-empty values of a column split at <paramref name="separator"/>, each with its own column when it
    /// can be computed exactly (the field is on one line with no doubled quotes before it), else the field's.
    /// </summary>
    private static List<Located> Several(List<CsvCell> record, Dictionary<string, int> header, string column, char? separator = ';')
    {
        if (!header.TryGetValue(column, out var index) || index >= record.Count)
        {
            return [];
        }

        var cell = record[index];
        var values = new List<Located>();
        var start = 0;
        foreach (var part in separator is { } s ? cell.Value.Split(s) : [cell.Value])
        {
            var offset = start + (part.Length - part.TrimStart().Length);
            start += part.Length + 1;
            if (part.Trim().Length == 0)
            {
                continue;
            }

            var exact = !cell.Value[..offset].Contains('"') && !cell.Value[..offset].Contains('\n');
            var at = exact ? cell.Column + (cell.Quoted ? 1 : 0) + offset : cell.Column;
            values.Add(new Located(part.Trim(), cell.Line, at, column));
        }

        return values;
    }
}
