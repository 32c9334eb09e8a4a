using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

public sealed class OrgDirectoryTests
{
    private static readonly OrgDirectory Acme = AcmeOrg.Directory;

    [Theory]
    [InlineData("junior", "senior", -1)]
    [InlineData("senior", "senior", 0)]
    [InlineData("principal", "staff", 1)]
    [InlineData("intern", "principal", -1)]
    public void LevelsCompareInTheOrderTheOrganisationDeclares(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(Acme.Compare(a, b)));
    }

    [Theory]
    [InlineData("jo", "junior", true)]
    [InlineData("jo", "mid", false)]
    [InlineData("dana", "senior", false)]
    [InlineData("erin", "senior", true)]
    [InlineData("pat", "senior", true)]
    [InlineData("pat", "principal", true)]
    public void IsAtLeastComparesAPersonsLevelWithAMinimum(string personId, string minimum, bool expected)
    {
        Assert.Equal(expected, Acme.IsAtLeast(Acme.FindPerson(personId)!, minimum));
    }

    [Fact]
    public void APersonWithoutALevelIsNeverAtLeastAnything()
    {
        var nobody = new Person("x", "X", ["x@acme.example"]);

        Assert.False(Acme.IsAtLeast(nobody, "intern"));
        Assert.False(Acme.IsAtLeast(nobody with { Level = "wizard" }, "intern"));
    }

    [Fact]
    public void ComparingAnUnknownLevelIsAProgrammingErrorThatNamesTheLevels()
    {
        var error = Assert.Throws<ArgumentException>(() => Acme.Compare("senior", "wizard"));

        Assert.Contains("intern, junior, mid, senior, staff, principal", error.Message);
        Assert.Throws<ArgumentException>(() => Acme.IsAtLeast(Acme.FindPerson("erin")!, "Senior"));
        Assert.Null(Acme.RankOf("wizard"));
        Assert.Equal(3, Acme.RankOf("senior"));
    }

    [Fact]
    public void ATeamsAncestryRunsFromTheTeamToTheTopmostTeam()
    {
        Assert.Equal(["checkout", "payments", "commerce"], Acme.TeamAndAncestors("checkout").Select(t => t.Id));
        Assert.Equal(["platform"], Acme.TeamAndAncestors("platform").Select(t => t.Id));
        Assert.Empty(Acme.TeamAndAncestors("nope"));
    }

    [Fact]
    public void MembersOfATeamIncludeMembersOfItsSubTeamsUnlessAskedNotTo()
    {
        Assert.Equal(["erin", "dana", "jo"], Acme.MembersOf("commerce").Select(p => p.Id));
        Assert.Equal(["erin"], Acme.MembersOf("commerce", includeSubTeams: false).Select(p => p.Id));
        Assert.Equal(["jo", "pat"], Acme.MembersOf("platform").Select(p => p.Id));
        Assert.Equal(["commerce", "payments", "checkout"], Acme.TeamAndDescendants("commerce").Select(t => t.Id));
    }

    [Fact]
    public void MembershipOfATeamCountsThroughSubTeams()
    {
        var jo = Acme.FindPerson("jo")!;

        Assert.True(Acme.IsMemberOf(jo, "commerce"));
        Assert.True(Acme.IsMemberOf(jo, "platform"));
        Assert.False(Acme.IsMemberOf(Acme.FindPerson("erin")!, "payments"));
        Assert.Equal("dana", Acme.ManagerOf(jo)?.Id);
    }

    [Fact]
    public void ADirectoryBuiltWithATeamCycleStillAnswersAncestryQuestions()
    {
        var directory = new OrgDirectory(OrgDirectory.DefaultLevels, [new Team("a", "A", "b"), new Team("b", "B", "a"), new Team("c", "C", "gone")], [], []);

        Assert.Equal(["a", "b"], directory.TeamAndAncestors("a").Select(t => t.Id));
        Assert.Equal(["b", "a"], directory.TeamAndDescendants("b").Select(t => t.Id));
        Assert.Equal(["c"], directory.TeamAndAncestors("c").Select(t => t.Id));
    }

    [Fact]
    public void DuplicateIdsCannotBeBuiltDirectly()
    {
        Assert.Throws<ArgumentException>(() => new OrgDirectory(["a", "a"], [], [], []));
        Assert.Throws<ArgumentException>(() => new OrgDirectory(["a"], [new Team("t", "T"), new Team("t", "T2")], [], []));
        Assert.Throws<ArgumentException>(() => new OrgDirectory(["a"], [], [new Person("p", "P", []), new Person("p", "Q", [])], []));
    }
}
