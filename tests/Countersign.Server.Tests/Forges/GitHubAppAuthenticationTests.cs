using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Countersign.Server.Evaluation;
using Countersign.Server.Forges;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Countersign.Server.Tests.Forges;

public sealed class GitHubAppAuthenticationTests
{
    [Fact]
    public async Task TheAppsJwtIsSignedRs256ByItsKeyIssuedByItsIdAMinuteInThePastAndLivesAtMostTenMinutes()
    {
        await using var app = await GitHubApp.StartAsync();
        var now = new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

        var jwt = app.Key.Jwt(now);

        var token = new JsonWebToken(jwt);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("4242", token.Issuer);
        Assert.Equal(now.AddSeconds(-60).ToUnixTimeSeconds(), token.GetPayloadValue<long>("iat"));
        Assert.InRange(token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat"), 60, 600);
        Assert.False(token.TryGetPayloadValue<long>("nbf", out _));
        using var other = RSA.Create(2048);
        TokenValidationParameters Checked(RSA key) => new() { ValidateAudience = false, ValidateLifetime = false, ValidIssuer = "4242", IssuerSigningKey = new RsaSecurityKey(key) };
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(jwt, Checked(app.PublicKey))).IsValid);
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(jwt, Checked(other))).IsValid);
    }

    [Fact]
    public async Task AnInstallationTokenIsAskedForOnceAndKeptUntilFiveMinutesBeforeItExpires()
    {
        await using var app = await GitHubApp.StartAsync();

        var first = (await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None)).OrThrow();
        var again = (await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None)).OrThrow();
        app.Clock.Advance(TimeSpan.FromMinutes(54));
        var sixMinutesLeft = (await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None)).OrThrow();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var fourMinutesLeft = (await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None)).OrThrow();

        Assert.StartsWith("ghs_", first.Value, StringComparison.Ordinal);
        Assert.Same(first, again);
        Assert.Same(first, sixMinutesLeft);
        Assert.NotEqual(first.Value, fourMinutesLeft.Value);
        var asked = app.Fake.Calls.Where(c => c.Path == $"/app/installations/{GitHubApp.Installation}/access_tokens").ToList();
        Assert.Equal(2, asked.Count);
        Assert.All(asked, c => Assert.Equal("POST", c.Method));
        Assert.All(asked, c => Assert.StartsWith("Bearer ey", c.Headers["Authorization"], StringComparison.Ordinal));
        Assert.All(asked, c => Assert.Equal("2022-11-28", c.Headers["X-GitHub-Api-Version"]));
    }

    [Fact]
    public async Task ATokenGitHubNoLongerAcceptsIsReplacedAndTheCallMadeAgainOnce()
    {
        await using var app = await GitHubApp.StartAsync();
        Assert.IsType<SendResult.Sent>(await app.Api.CallAsync(GitHubApp.Installation, HttpMethod.Get, "repos/acme/shop/pulls/7/requested_reviewers", null, CancellationToken.None));

        app.Fake.RevokeTokens();
        var result = await app.Api.CallAsync(GitHubApp.Installation, HttpMethod.Get, "repos/acme/shop/pulls/7/requested_reviewers", null, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(
            ["POST /app/installations/12345/access_tokens", "GET /repos/acme/shop/pulls/7/requested_reviewers",
             "GET /repos/acme/shop/pulls/7/requested_reviewers", "POST /app/installations/12345/access_tokens", "GET /repos/acme/shop/pulls/7/requested_reviewers"],
            app.Fake.Calls.Select(c => $"{c.Method} {c.Path}"));
        Assert.Equal(2, app.Tokens.Issued);
    }

    [Fact]
    public async Task AJwtSignedWithAnotherKeyGetsNoTokenAndAProblemSayingWhatToCheck()
    {
        using var stranger = RSA.Create(2048);
        await using var app = await GitHubApp.StartAsync(fakeKnows: stranger);

        var outcome = await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None);
        var sent = await app.Api.CallAsync(GitHubApp.Installation, HttpMethod.Get, "repos/acme/shop/pulls/7/requested_reviewers", null, CancellationToken.None);

        var problem = Assert.IsType<Problem.Forbidden>(outcome.Problem);
        Assert.Contains("refused the App's JWT", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("--github-app-id", problem.Detail, StringComparison.Ordinal);
        Assert.IsType<SendResult.Failed>(sent);
    }

    [Fact]
    public async Task AnUnreachableGitHubIsWorthRetryingForTokensAndCalls()
    {
        await using var app = await GitHubApp.StartAsync(o => o with { ApiUrl = "http://127.0.0.1:9/" });

        var outcome = await app.Tokens.TokenAsync(GitHubApp.Installation, CancellationToken.None);
        var sent = await app.Api.CallAsync(GitHubApp.Installation, HttpMethod.Get, "repos/acme/shop/pulls/7/requested_reviewers", null, CancellationToken.None);

        Assert.IsType<Problem.Unavailable>(outcome.Problem);
        Assert.IsType<SendResult.Retry>(sent);
    }

    [Theory]
    [InlineData("github-app:12345", 12345L)]
    [InlineData("github-app:0", null)]
    [InlineData("github-app:12a", null)]
    [InlineData("github-app:", null)]
    public void AGitHubAppCredentialNamesAnInstallationById(string text, long? installation) =>
        Assert.Equal(installation, Countersign.Server.Repositories.CredentialReference.Parse(text)?.Installation);

    [Fact]
    public void AnInstallationCredentialOnAServerThatIsNoGitHubAppSaysSoWithoutASecret()
    {
        var outcome = Countersign.Server.Repositories.CredentialReference.Parse("github-app:12345")!.GitEnvironment("https");

        Assert.Contains("no GitHub App configured (serve --github-app-id)", Assert.IsType<Problem.Unavailable>(outcome.Problem).Detail, StringComparison.Ordinal);
    }
}
