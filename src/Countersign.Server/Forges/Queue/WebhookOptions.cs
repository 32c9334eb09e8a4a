namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Webhook intake and the queues behind it (<c>Countersign:Webhooks:…</c>): the forges' secrets, how many deliveries
/// and outbox messages are worked at once, leases, retries and retention. docs/server.md lists every key.
/// </summary>
public sealed record WebhookOptions
{
    /// <summary>GitHub's webhook secret (from <c>$COUNTERSIGN_GITHUB_WEBHOOK_SECRET</c>); null: see <see cref="GitHubSecretFile"/>.</summary>
    public string? GitHubSecret { get; init; }

    /// <summary>A file holding GitHub's webhook secret (<c>--github-webhook-secret-file</c>); trailing white space is ignored.</summary>
    public string? GitHubSecretFile { get; init; }

    /// <summary>GitLab's webhook token (from <c>$COUNTERSIGN_GITLAB_WEBHOOK_TOKEN</c>); null: see <see cref="GitLabTokenFile"/>.</summary>
    public string? GitLabToken { get; init; }

    /// <summary>A file holding GitLab's webhook token (<c>--gitlab-webhook-token-file</c>).</summary>
    public string? GitLabTokenFile { get; init; }

    /// <summary>Deliveries worked at once by this replica.</summary>
    public int Workers { get; init; } = 8;

    /// <summary>Outbox messages sent at once by this replica.</summary>
    public int OutboxWorkers { get; init; } = 4;

    /// <summary>How long a worker holds a delivery or message before another replica may take it (renewed every third of it while worked).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for due work another replica received (intake on this replica wakes it at once).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before a delivery or message that keeps failing is parked.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first retry's delay; each further one doubles it (with jitter), up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two attempts (a forge's Retry-After is honoured even when longer).</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long finished deliveries (done, ignored) and messages (sent, superseded) are kept; parked ones stay.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The most deliveries the intake stores in one transaction.</summary>
    public int IntakeBatch { get; init; } = 256;

    /// <summary>Deliveries waiting for the intake's writer before new ones are answered 503 with Retry-After.</summary>
    public int IntakeCapacity { get; init; } = 4096;
}
