using Countersign.Core.Organisation;
using Countersign.Core.Provenance;
using Countersign.Core.Reporting;

namespace Countersign.Core.Tests.Reporting;

public sealed class ScanSummaryBuilderTests
{
    private static int counter;

    private static CommitSummaryRow Row(string name, string email, DateTimeOffset? when = null, ProvenanceStatus status = ProvenanceStatus.Unknown) =>
        new($"{Interlocked.Increment(ref counter):x40}", name, email, when ?? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), false, status, [], false, null, null, null);

    [Fact]
    public void AuthorsAreGroupedByTheirMailmappedEmailAndNamedCanonically()
    {
        var mailmap = Mailmap.Parse("Dana Mid <dana@acme.example> <dana@laptop.local>\nDana Mid <dana@acme.example> dmid <old@acme.example>\n", ".mailmap").Mailmap;
        var rows = new[] { Row("Dana", "dana@acme.example"), Row("dana", "Dana@Laptop.Local"), Row("dmid", "old@acme.example"), Row("Other", "old@acme.example") };

        var summary = ScanSummaryBuilder.Build("/r", "normal", rows, 4, 0, mailmap);

        var dana = Assert.Single(summary.ByAuthor, a => a.Email == "dana@acme.example");
        Assert.Equal("Dana Mid", dana.Name);
        Assert.Equal(3, dana.Counts.Commits);
        Assert.Equal(1, Assert.Single(summary.ByAuthor, a => a.Email == "old@acme.example").Counts.Commits);
    }

    [Fact]
    public void WithoutAMailmapEmailsDifferingOnlyInCaseAreStillOnePerson()
    {
        var summary = ScanSummaryBuilder.Build("/r", "normal", [Row("Sam", "sam@acme.example"), Row("Sam", "SAM@acme.example")], 2, 0);

        Assert.Equal(2, Assert.Single(summary.ByAuthor).Counts.Commits);
    }

    [Fact]
    public void EveryAuthorAndEveryMonthIsInTheSummary()
    {
        var start = new DateTimeOffset(2020, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 40).Select(i => Row($"P{i}", $"p{i}@acme.example", start.AddMonths(i))).ToList();

        var summary = ScanSummaryBuilder.Build("/r", "normal", rows, rows.Count, 0);

        Assert.Equal(40, summary.ByAuthor.Count);
        Assert.Equal(40, summary.ByMonth.Count);
        Assert.Equal("2020-01", summary.ByMonth[0].Month);
    }
}
