using System.Text;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Organisation;

/// <summary>
/// An RFC 4180 CSV parser that keeps where every field starts, so diagnostics can name a line and column.
/// Fields are separated by commas and records by CRLF, LF or CR; a field in double quotes may hold commas, line
/// breaks and doubled quotes (<c>""</c>). A leading byte-order mark and blank lines are skipped. Malformed quoting is
/// reported and read as leniently as spreadsheets do.
/// Written here rather than taken from a package: the format is small, the one thing the importer needs from a
/// parser is the position of each field (which general CSV libraries expose only per record), and Core keeps its
/// dependencies to the few that carry real weight.
/// </summary>
internal static class CsvParser
{
    public static List<List<CsvCell>> Parse(string text, string source, List<Diagnostic> diagnostics)
    {
        var records = new List<List<CsvCell>>();
        var record = new List<CsvCell>();
        var value = new StringBuilder();
        var (i, line, column) = (text.StartsWith('\uFEFF') ? 1 : 0, 1, 1);
        while (true)
        {
            var (cellLine, cellColumn, quoted) = (line, column, i < text.Length && text[i] == '"');
            value.Clear();
            if (quoted)
            {
                (i, column) = (i + 1, column + 1);
                var closed = false;
                while (i < text.Length && !closed)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        value.Append('"');
                        (i, column) = (i + 2, column + 2);
                        continue;
                    }

                    closed = text[i] == '"';
                    if (!closed)
                    {
                        value.Append(text[i]);
                    }

                    (line, column) = text[i] == '\n' ? (line + 1, 1) : (line, column + 1);
                    i++;
                }

                if (!closed)
                {
                    diagnostics.Add(Diagnostic.Error(source, "this quoted field is never closed with '\"'", cellLine, cellColumn));
                }
                else if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    diagnostics.Add(Diagnostic.Error(source, "text after a closing quote is ignored; quote the whole field", line, column));
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        (i, column) = (i + 1, column + 1);
                    }
                }
            }
            else
            {
                var reported = false;
                for (; i < text.Length && text[i] is not (',' or '\r' or '\n'); (i, column) = (i + 1, column + 1))
                {
                    if (text[i] == '"' && !reported)
                    {
                        diagnostics.Add(Diagnostic.Warning(source, "a quote inside an unquoted field is read as it is; quote the whole field and double the quote", line, column));
                        reported = true;
                    }

                    value.Append(text[i]);
                }
            }

            record.Add(new CsvCell(value.ToString(), cellLine, cellColumn, quoted));
            if (i < text.Length && text[i] == ',')
            {
                (i, column) = (i + 1, column + 1);
                continue;
            }

            if (record is not [{ Value: "", Quoted: false }])
            {
                records.Add(record);
            }

            record = [];
            i += i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n' ? 2 : 1;
            (line, column) = (line + 1, 1);
            if (i >= text.Length)
            {
                return records;
            }
        }
    }
}
