using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Evaluation;
using Countersign.Server.Forges;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// A forge story's set-up: the enforcement shop (dana junior, bob mid and erin senior in payments, sam senior in
/// checkout, pat staff) with GitHub logins in the server's directory, served to the server's mirror over file:// as a
/// GitHub repository would be (pull requests' heads under <c>refs/pull/N/head</c>), and the processor fed events
/// directly. What it publishes is recorded by <see cref="Published"/>: the forge's own publisher and outbox are tested
/// by their helpers, this records the forge-neutral <see cref="VerdictPublication"/> the processor hands them.
/// </summary>
internal sealed class ForgeStory : IAsyncDisposable
{
    public const string Name = "acme/shop";
    public const long Installation = 4242;

    public static readonly string Org = PolicyShop.Org
        .Replace("emails: [dana@acme.test]", "emails: [dana@acme.test]\n    github: dana-j", StringComparison.Ordinal)
        .Replace("emails: [bob@acme.test]", "emails: [bob@acme.test]\n    github: bob-m", StringComparison.Ordinal)
        .Replace("emails: [sam@acme.test]", "emails: [sam@acme.test]\n    github: sam-s", StringComparison.Ordinal)
        .Replace("emails: [pat@acme.test]", "emails: [pat@acme.test]\n    github: pat-s", StringComparison.Ordinal);

    private ForgeStory(TestServer server, PolicyShop shop, ForgeEventProcessor processor, Recorder published)
    {
        Server = server;
        Shop = shop;
        Processor = processor;
        Published = published;
    }

    public TestServer Server { get; }

    public PolicyShop Shop { get; }

    public ForgeEventProcessor Processor { get; }

    public Recorder Published { get; }

    public ForgeRepository Repository => new(Name, $"file://{Shop.Path}", 77, Installation, "main");

    public static async Task<ForgeStory> StartAsync(Store store = Store.Sqlite, string? policy = null)
    {
        var server = await TestServer.StartAsync(store, configure: o => o with
        {
            Mirrors = new MirrorOptions { Directory = TempGitRepo.NewTempDirectory("mirrors"), FetchInterval = TimeSpan.Zero },
            PublicUrl = "https://countersign.acme.test/",
        });
        await server.ImportOrgAsync(Org);
        var shop = policy is null ? PolicyShop.Create() : PolicyShop.Create(policy);
        var recorder = new Recorder();
        var services = server.App.Services;
        var publishing = ActivatorUtilities.CreateInstance<VerdictPublishing>(services, new IVerdictPublisher[] { recorder }, (IOutbox)recorder);
        var processor = ActivatorUtilities.CreateInstance<ForgeEventProcessor>(services, publishing);
        return new ForgeStory(server, shop, processor, recorder);
    }

    /// <summary>Points <c>refs/pull/N/head</c> at <paramref name="revision"/>, as GitHub does for a pull request; returns the commit.</summary>
    public string PullHead(int number, string revision)
    {
        var sha = Shop.Repo.Git($"rev-parse {revision}").Trim();
        Shop.Repo.Git($"update-ref refs/pull/{number}/head {sha}");
        return sha;
    }

    public static ForgeUser User(string login, long id = 1000, bool bot = false) => new(login, id, bot);

    public ForgeRequest Request(int number, string head, string author = "dana-j", IReadOnlyList<string>? labels = null, string? body = null, string title = "payments: refunds", string headRef = PolicyShop.Feature) =>
        new(number, title, body, head, headRef, "main", null, labels ?? [], User(author), false);

    public Task<DeliveryOutcome> OpenAsync(ForgeRequest request, string action = "opened") =>
        Processor.HandleAsync(new ForgeEvent.RequestChanged(ForgeKind.GitHub, Repository, request, action), CancellationToken.None);

    public Task<DeliveryOutcome> ReviewAsync(int number, string login, ReviewVerdict verdict, string? commit, long reviewId, bool bot = false, string? body = null) =>
        Processor.HandleAsync(new ForgeEvent.Reviewed(ForgeKind.GitHub, Repository, number, User(login, reviewId % 977, bot), verdict, commit, reviewId.ToString(System.Globalization.CultureInfo.InvariantCulture), body), CancellationToken.None);

    public async Task<ChangeView> ChangeAsync(string key) =>
        (await Server.App.Services.GetRequiredService<ChangeService>().FindAsync(Name, key, CancellationToken.None)).OrThrow();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Shop.Dispose();
    }

    /// <summary>Records what the processor publishes (the publication and the outbox messages it became).</summary>
    internal sealed class Recorder : IVerdictPublisher, IOutbox
    {
        private readonly List<VerdictPublication> publications = [];

        public ForgeKind Forge => ForgeKind.GitHub;

        public List<OutboxMessage> Messages { get; } = [];

        public IReadOnlyList<VerdictPublication> Publications
        {
            get
            {
                lock (publications)
                {
                    return [.. publications];
                }
            }
        }

        public VerdictPublication Last => Publications[^1];

        IReadOnlyList<OutboxMessage> IVerdictPublisher.Messages(VerdictPublication publication)
        {
            lock (publications)
            {
                publications.Add(publication);
            }

            return [new OutboxMessage(ForgeKind.GitHub, "check-run", $"check-run:{publication.Repository.FullName}:{publication.HeadSha}",
                new System.Text.Json.Nodes.JsonObject { ["status"] = publication.Detail.View.Status })];
        }

        public Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation)
        {
            lock (publications)
            {
                Messages.AddRange(messages);
            }

            return Task.CompletedTask;
        }
    }
}
