using System.Security.Cryptography;
using Countersign.Server.Forges.GitHub;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// Countersign's GitHub side wired as the server wires it — the App's key, installation tokens, the API client, the
/// sender and the publisher over a real <see cref="IHttpClientFactory"/> — against a <see cref="FakeGitHub"/> that knows
/// the App's public key.
/// </summary>
internal sealed class GitHubApp : IAsyncDisposable
{
    public const long AppId = 4242;
    public const long Installation = 12345;

    private readonly ServiceProvider services;

    private GitHubApp(FakeGitHub fake, RSA key, GitHubOptions options, TestClock clock, ServiceProvider services)
    {
        Fake = fake;
        Options = options;
        Clock = clock;
        this.services = services;
        Key = GitHubAppKey.From(AppId, key);
        PublicKey = RSA.Create();
        PublicKey.ImportParameters(key.ExportParameters(false));
        var http = services.GetRequiredService<IHttpClientFactory>();
        Tokens = new InstallationTokens(Key, options, http, clock);
        Api = new GitHubApi(Tokens, options, http, clock);
        Sender = new GitHubSender(Api, clock);
        Publisher = new GitHubPublisher(options);
    }

    public FakeGitHub Fake { get; }

    public GitHubOptions Options { get; }

    public TestClock Clock { get; }

    public GitHubAppKey Key { get; }

    /// <summary>The public half of the App's key.</summary>
    public RSA PublicKey { get; }

    public InstallationTokens Tokens { get; }

    public GitHubApi Api { get; }

    public GitHubSender Sender { get; }

    public GitHubPublisher Publisher { get; }

    /// <summary>An App with a fresh 2048-bit key; <paramref name="fakeKnows"/> is the public key the fake checks JWTs against (default: the App's).</summary>
    public static async Task<GitHubApp> StartAsync(Func<GitHubOptions, GitHubOptions>? configure = null, RSA? fakeKnows = null)
    {
        var key = RSA.Create(2048);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var fake = await FakeGitHub.StartAsync(AppId, fakeKnows ?? key);
        fake.Time = clock;
        var options = new GitHubOptions { AppId = AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), ApiUrl = fake.Address.AbsoluteUri };
        options = configure?.Invoke(options) ?? options;
        var services = new ServiceCollection();
        services.AddHttpClient(InstallationTokens.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        return new GitHubApp(fake, key, options, clock, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        Key.Dispose();
        PublicKey.Dispose();
        await services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>A clock the test moves (the token cache's expiry is tested without waiting an hour).</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
