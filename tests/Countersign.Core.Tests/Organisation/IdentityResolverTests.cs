using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

public sealed class IdentityResolverTests
{
    private const string AcmeMailmap = """
        Dana Mid <dana@acme.example> <dana@old-laptop.example>
        <erin@acme.example> Erin <shared@acme.example>
        <nobody-listed@acme.example> <jo@acme.example>
        """;

    private static readonly IdentityResolver Resolver = new(AcmeOrg.Directory, Mailmap.Parse(AcmeMailmap, ".mailmap").Mailmap);

    [Theory]
    [InlineData("Dana Mid", "dana@acme.example", "dana", IdentityMatchKind.Email, false, false)]
    [InlineData("whoever", "DANA@ACME.EXAMPLE", "dana", IdentityMatchKind.Email, false, false)]
    [InlineData("Dana", "dana.m@users.example", "dana", IdentityMatchKind.Email, false, false)]
    [InlineData("Pat", "pat@acme.example", "pat", IdentityMatchKind.Email, false, false)]
    [InlineData("Dana", "dana@old-laptop.example", "dana", IdentityMatchKind.Email, false, true)]
    [InlineData("Erin", "shared@acme.example", "erin", IdentityMatchKind.Email, false, true)]
    [InlineData("Jo", "jo@acme.example", "jo", IdentityMatchKind.Email, false, false)]
    [InlineData("dana-m", "12345+dana-m@users.noreply.github.com", "dana", IdentityMatchKind.GitHubNoreply, false, false)]
    [InlineData("Dana", "dana-m@users.noreply.github.com", "dana", IdentityMatchKind.GitHubNoreply, false, false)]
    [InlineData("Pat", "99+patp@Users.Noreply.GitHub.com", "pat", IdentityMatchKind.GitHubNoreply, false, false)]
    [InlineData("Dana", "4242-dana@users.noreply.gitlab.com", "dana", IdentityMatchKind.GitLabNoreply, false, false)]
    [InlineData("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", null, IdentityMatchKind.GitHubNoreply, true, false)]
    [InlineData("CI", "CI@acme.example", null, IdentityMatchKind.Email, true, false)]
    [InlineData("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", null, IdentityMatchKind.BotNamePattern, true, false)]
    [InlineData("Dana Mid", "dana@home.example", null, IdentityMatchKind.Unresolved, false, false)]
    [InlineData("Someone", "shared@acme.example", null, IdentityMatchKind.Unresolved, false, false)]
    [InlineData("ghost", "1+ghost@users.noreply.github.com", null, IdentityMatchKind.Unresolved, false, false)]
    [InlineData("Dana Mid", "", null, IdentityMatchKind.Unresolved, false, false)]
    [InlineData("Dana Mid", "dana@acme.example.evil.example", null, IdentityMatchKind.Unresolved, false, false)]
    [InlineData("Dana", "12345+dana-m@users.noreply.github.com.evil.example", null, IdentityMatchKind.Unresolved, false, false)]
    public void CommitIdentitiesResolveOnlyThroughEvidenceTheDirectoryLists(
        string name, string email, string? personId, IdentityMatchKind how, bool isBot, bool viaMailmap)
    {
        var match = Resolver.Resolve(name, email);

        Assert.Equal((personId, how, isBot, viaMailmap), (match.Person?.Id, match.How, match.IsBot, match.ViaMailmap));
        Assert.Equal(personId is not null || isBot, match.IsResolved);
    }

    [Theory]
    [InlineData(HandlePlatform.GitHub, "dana-m", "dana", IdentityMatchKind.Handle, false)]
    [InlineData(HandlePlatform.GitHub, "@DANA-M", "dana", IdentityMatchKind.Handle, false)]
    [InlineData(HandlePlatform.GitHub, "patp", "pat", IdentityMatchKind.Handle, false)]
    [InlineData(HandlePlatform.GitLab, "dana", "dana", IdentityMatchKind.Handle, false)]
    [InlineData(HandlePlatform.GitLab, "dana-m", null, IdentityMatchKind.Unresolved, false)]
    [InlineData(HandlePlatform.GitHub, "dana", null, IdentityMatchKind.Unresolved, false)]
    [InlineData(HandlePlatform.GitHub, "dependabot[bot]", null, IdentityMatchKind.Handle, true)]
    [InlineData(HandlePlatform.GitLab, "ci-bot", null, IdentityMatchKind.Handle, true)]
    [InlineData(HandlePlatform.GitHub, "renovate[bot]", null, IdentityMatchKind.BotNamePattern, true)]
    [InlineData(HandlePlatform.GitHub, "Erin Senior", null, IdentityMatchKind.Unresolved, false)]
    [InlineData(HandlePlatform.GitHub, " ", null, IdentityMatchKind.Unresolved, false)]
    public void PlatformLoginsResolveThroughTheHandlesOfThatPlatformOnly(HandlePlatform platform, string login, string? personId, IdentityMatchKind how, bool isBot)
    {
        var match = Resolver.ResolveHandle(platform, login);

        Assert.Equal((personId, how, isBot), (match.Person?.Id, match.How, match.IsBot));
    }

    [Theory]
    [InlineData("Dana Mid", "dana@acme.example", "dana@acme.example is an e-mail of Dana Mid (dana)")]
    [InlineData("Dana", "dana@old-laptop.example", "dana@old-laptop.example, mapped by .mailmap to dana@acme.example, is an e-mail of Dana Mid (dana)")]
    [InlineData("dana-m", "12345+dana-m@users.noreply.github.com",
        "12345+dana-m@users.noreply.github.com is the GitHub noreply address of 'dana-m', the GitHub handle of Dana Mid (dana)")]
    [InlineData("CI", "ci@acme.example", "ci@acme.example is an e-mail of a bot (email ci@acme.example, gitlab ci-bot)")]
    [InlineData("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com",
        @"no e-mail matched, but the name 'renovate[bot]' matches the bot pattern '.*\[bot\]$'")]
    [InlineData("Dana Mid", "dana@home.example", "no person or bot has the e-mail dana@home.example; names are never matched to people")]
    [InlineData("Jo", "jo@acme.example", "jo@acme.example is an e-mail of Jo Junior (jo)")]
    [InlineData("ghost", "1+ghost@users.noreply.github.com",
        "1+ghost@users.noreply.github.com is the GitHub noreply address of 'ghost', but no person or bot has that GitHub handle; names are never matched to people")]
    [InlineData("Dana Mid", "", "the identity has no e-mail address, and names are never matched to people")]
    public void EveryAnswerExplainsItself(string name, string email, string explanation)
    {
        Assert.Equal(explanation, Resolver.Resolve(name, email).Explanation);
    }

    [Fact]
    public void AnEmailListedForTwoPeopleResolvesToNeither()
    {
        var directory = new OrgDirectory(OrgDirectory.DefaultLevels, [],
            [new Person("a", "A", ["team@acme.example"], GitHub: "shared"), new Person("b", "B", ["Team@Acme.example"], GitHub: "Shared")],
            [new BotIdentity(Email: "ci@acme.example"), new BotIdentity(Email: "ci@acme.example")]);
        var resolver = new IdentityResolver(directory);

        var byEmail = resolver.Resolve("A", "team@acme.example");
        var byNoreply = resolver.Resolve("A", "7+shared@users.noreply.github.com");

        Assert.Equal((IdentityMatchKind.Ambiguous, null, false), (byEmail.How, byEmail.Person, byEmail.IsResolved));
        Assert.Equal("team@acme.example is listed for more than one identity (a, b); Countersign does not guess which", byEmail.Explanation);
        Assert.Equal(IdentityMatchKind.Ambiguous, byNoreply.How);
        Assert.Equal(IdentityMatchKind.Ambiguous, resolver.ResolveHandle(HandlePlatform.GitHub, "shared").How);
        Assert.True(resolver.Resolve("CI", "ci@acme.example").IsBot);
    }

    [Fact]
    public void AnEmailListedForAPersonAndABotResolvesToNeither()
    {
        var directory = new OrgDirectory(OrgDirectory.DefaultLevels, [], [new Person("a", "A", ["ops@acme.example"])], [new BotIdentity(Email: "ops@acme.example")]);

        var match = new IdentityResolver(directory).Resolve("Ops", "ops@acme.example");

        Assert.Equal((IdentityMatchKind.Ambiguous, false), (match.How, match.IsBot));
        Assert.Contains("(a, a bot)", match.Explanation);
    }

    [Fact]
    public void AnExactEmailOutranksABotNamePattern()
    {
        var directory = new OrgDirectory(OrgDirectory.DefaultLevels, [], [new Person("abbott", "Abbott", ["abbott@acme.example"])], [new BotIdentity(NamePattern: "bot")]);
        var resolver = new IdentityResolver(directory);

        Assert.Equal("abbott", resolver.Resolve("Abbott", "abbott@acme.example").Person?.Id);
        Assert.Equal(IdentityMatchKind.BotNamePattern, resolver.Resolve("Abbott", "abbott@home.example").How);
    }

    [Fact]
    public void AnEmailListedVerbatimWinsOverItsNoreplyReading()
    {
        var directory = new OrgDirectory(OrgDirectory.DefaultLevels, [],
            [new Person("a", "A", ["5+x@users.noreply.github.com"]), new Person("b", "B", [], GitHub: "x")], []);

        Assert.Equal("a", new IdentityResolver(directory).Resolve("X", "5+x@users.noreply.github.com").Person?.Id);
    }

    [Fact]
    public void WithoutAMailmapOnlyTheRecordedEmailCounts()
    {
        var resolver = new IdentityResolver(AcmeOrg.Directory);

        Assert.False(resolver.Resolve("Dana", "dana@old-laptop.example").IsResolved);
        Assert.Equal("dana", resolver.Resolve(new Core.History.GitIdentity("Dana", "dana@acme.example", DateTimeOffset.UnixEpoch)).Person?.Id);
    }
}
