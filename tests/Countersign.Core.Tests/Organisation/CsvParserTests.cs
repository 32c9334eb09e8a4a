using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

public sealed class CsvParserTests
{
    public static TheoryData<string, string[][]> WellFormed => new()
    {
        { "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]] },
        { "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]] },
        { "a,b\r1,2", [["a", "b"], ["1", "2"]] },
        { "a,b\n1,2", [["a", "b"], ["1", "2"]] },
        { "\"x, y\",z\n", [["x, y", "z"]] },
        { "\"she said \"\"hi\"\"\",z\n", [["she said \"hi\"", "z"]] },
        { "\"two\nlines\",z\r\n", [["two\nlines", "z"]] },
        { "\"\",,\"\"\n", [["", "", ""]] },
        { "a,\n", [["a", ""]] },
        { "\uFEFFid,name\n", [["id", "name"]] },
        { "a\n\n\nb\n", [["a"], ["b"]] },
        { " spaced , kept \n", [[" spaced ", " kept "]] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void WellFormedCsvParsesAsRfc4180Says(string text, string[][] expected)
    {
        var diagnostics = new List<Diagnostic>();

        var records = CsvParser.Parse(text, "people.csv", diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(expected, records.Select(r => r.Select(c => c.Value).ToArray()).ToArray());
    }

    [Fact]
    public void EachFieldKnowsTheLineAndColumnWhereItStarts()
    {
        var records = CsvParser.Parse("id,name\n\"multi\nline\",after\nx,\"q\"\n", "people.csv", []);

        Assert.Equal(
            [(1, 1, false), (1, 4, false), (2, 1, true), (3, 7, false), (4, 1, false), (4, 3, true)],
            records.SelectMany(r => r).Select(c => (c.Line, c.Column, c.Quoted)));
    }

    [Theory]
    [InlineData("a,\"never closed\n", "this quoted field is never closed", DiagnosticSeverity.Error, 1, 3)]
    [InlineData("a,\"quoted\"tail,b\n", "text after a closing quote is ignored", DiagnosticSeverity.Error, 1, 11)]
    [InlineData("a,say \"hi\",b\n", "a quote inside an unquoted field is read as it is", DiagnosticSeverity.Warning, 1, 7)]
    public void MalformedQuotingIsReportedWhereItHappens(string text, string message, DiagnosticSeverity severity, int line, int column)
    {
        var diagnostics = new List<Diagnostic>();

        CsvParser.Parse(text, "people.csv", diagnostics);

        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Equal((severity, line, column), (diagnostic.Severity, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void MalformedQuotingStillYieldsTheRestOfTheRecord()
    {
        var records = CsvParser.Parse("a,\"quoted\"tail,b\nc,say \"hi\",d\n", "people.csv", []);

        Assert.Equal([["a", "quoted", "b"], ["c", "say \"hi\"", "d"]], records.Select(r => r.Select(c => c.Value).ToArray()).ToArray());
    }
}
