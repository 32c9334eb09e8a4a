using Dapper;

namespace Countersign.Data;

/// <summary>
/// The durable outbox of calls to forges: enqueued in one transaction (a message supersedes every unsent one with the
/// same slot: only the latest verdict for a head is worth sending after an outage), claimed under a lease like the
/// delivery queue (<see cref="WebhookDeliveryStore"/>), then sent, retried later, failed or parked. Two messages of one
/// slot are never sent at once: a row whose slot has another row under a live lease waits.
/// </summary>
/// <remarks>
/// States: <c>queued</c>, <c>working</c>, and the final ones <c>sent</c>, <c>superseded</c> (replaced before it was
/// sent), <c>failed</c> (the forge refused it for good) and <c>parked</c> (it failed too often).
/// </remarks>
internal sealed class OutboxStore(ServerDatabase database)
{
    private const string Returned = "id, target, kind, slot, payload, attempts, created_at";

    /// <summary>Puts <paramref name="messages"/> in the outbox, superseding unsent messages of their slots; committed when this returns.</summary>
    /// <param name="messages">The messages, in order (a later one of the same slot supersedes an earlier one).</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public Task<IReadOnlyList<long>> EnqueueAsync(IReadOnlyList<OutgoingMessage> messages, DateTimeOffset now, CancellationToken cancellation) =>
        database.QueueWriteAsync<IReadOnlyList<long>>(async (c, t) =>
        {
            var at = Db.Time(now);
            var ids = new List<long>(messages.Count);
            foreach (var m in messages)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE outbox SET state = 'superseded', last_status = 'superseded' WHERE slot = @Slot AND state = 'queued'", new { m.Slot }, t, cancellationToken: cancellation));
                ids.Add(await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO outbox (target, kind, slot, payload, state, attempts, next_at, created_at)
                    VALUES (@Target, @Kind, @Slot, @Payload, 'queued', 0, @at, @at) RETURNING id
                    """, new { m.Target, m.Kind, m.Slot, m.Payload, at }, t, cancellationToken: cancellation)));
            }

            return ids;
        }, cancellation);

    /// <summary>Takes up to <paramref name="max"/> due messages for <paramref name="owner"/> until <paramref name="until"/> (see <see cref="WebhookDeliveryStore.ClaimAsync"/>).</summary>
    /// <param name="owner">The worker.</param>
    /// <param name="max">The most to take.</param>
    /// <param name="now">The time now.</param>
    /// <param name="until">When the lease runs out unless renewed.</param>
    /// <param name="cancellation">Cancels the claim.</param>
    public Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellation)
    {
        var skipLocked = database.Kind == DatabaseKind.PostgreSql ? "FOR UPDATE OF o SKIP LOCKED" : "";
        var sql = $"""
            UPDATE outbox SET state = 'working', attempts = attempts + 1, lease_owner = @owner, lease_until = @until, next_at = @until
            WHERE id IN (
                SELECT o.id FROM outbox o WHERE o.state IN ('queued', 'working') AND o.next_at <= @now
                AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.slot = o.slot AND w.id <> o.id AND w.state = 'working' AND w.lease_until > @now)
                ORDER BY o.next_at LIMIT @max {skipLocked})
            RETURNING {Returned}
            """;
        return database.QueueWriteAsync<IReadOnlyList<ClaimedMessage>>(async (c, t) =>
            (await c.QueryAsync<Row>(new CommandDefinition(sql, new { owner, max, now = Db.Time(now), until = Db.Time(until) }, t, cancellationToken: cancellation)))
                .Select(r => r.Claimed()).OrderBy(m => m.Id).ToList(), cancellation);
    }

    /// <summary>Extends a lease while a message is sent; false when it was lost.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="until">The new end of the lease.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> RenewAsync(Lease lease, DateTimeOffset until, CancellationToken cancellation) =>
        UpdateAsync(lease, "lease_until = @until, next_at = @until", new { until = Db.Time(until) }, cancellation);

    /// <summary>Records a message as sent, with the forge's answer (e.g. the id of the check run it created).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="status">The forge's status, in one line.</param>
    /// <param name="response">The forge's answer as JSON text, or null.</param>
    /// <param name="now">When it was sent.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> SentAsync(Lease lease, string status, string? response, DateTimeOffset now, CancellationToken cancellation) =>
        UpdateAsync(lease, "state = 'sent', last_status = @status, last_error = NULL, response = @response, sent_at = @now, lease_owner = NULL, lease_until = NULL",
            new { status, response, now = Db.Time(now) }, cancellation);

    /// <summary>Puts a message back until <paramref name="nextAt"/> with the reason.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="nextAt">When it is due again.</param>
    /// <param name="status">What the forge answered, in one line.</param>
    /// <param name="error">Why it is retried.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> RetryAsync(Lease lease, DateTimeOffset nextAt, string status, string error, CancellationToken cancellation) =>
        UpdateAsync(lease, "state = 'queued', next_at = @nextAt, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL",
            new { nextAt = Db.Time(nextAt), status, error }, cancellation);

    /// <summary>Ends a message unsent: <c>failed</c> (refused for good) or <c>parked</c> (failed too often).</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="state">failed or parked.</param>
    /// <param name="status">What the forge answered last, in one line.</param>
    /// <param name="error">Why.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> GiveUpAsync(Lease lease, string state, string status, string error, CancellationToken cancellation) =>
        state is "failed" or "parked"
            ? UpdateAsync(lease, "state = @state, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL", new { state, status, error }, cancellation)
            : throw new ArgumentException($"'{state}' is not a state an unsent message ends in", nameof(state));

    /// <summary>How many messages are in each state, and when the oldest queued one was enqueued.</summary>
    /// <param name="cancellation">Cancels the reads.</param>
    public Task<QueueDepth> DepthAsync(CancellationToken cancellation) =>
        database.ReadAsync(async c => new QueueDepth(
            (await c.QueryAsync<(string, long)>(new CommandDefinition("SELECT state, COUNT(*) FROM outbox GROUP BY state", cancellationToken: cancellation))).ToList(),
            Db.ParseTime(await c.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MIN(created_at) FROM outbox WHERE state = 'queued'", cancellationToken: cancellation)), nullable: true)), cancellation);

    /// <summary>The messages in <paramref name="state"/>, newest first (what an operator looks at).</summary>
    /// <param name="state">The state.</param>
    /// <param name="limit">The most to list.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<IReadOnlyList<OutboxSummary>> ListAsync(string state, int limit, CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT id, target, kind, slot, state, attempts, created_at, next_at, sent_at, last_status, last_error, response, payload
            FROM outbox WHERE state = @state ORDER BY id DESC LIMIT @limit
            """, new { state, limit }, cancellationToken: cancellation)), cancellation)).Select(r => r.Summary()).ToList();

    /// <summary>
    /// Deletes messages that ended (sent or superseded) before <paramref name="before"/>; failed and parked ones stay
    /// for an operator.
    /// </summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellation) =>
        database.QueueWriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE (state = 'sent' AND sent_at < @before) OR (state = 'superseded' AND created_at < @before)",
            new { before = Db.Time(before) }, t, cancellationToken: cancellation)), cancellation);

    private Task<bool> UpdateAsync(Lease lease, string set, object values, CancellationToken cancellation)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("id", lease.Id);
        parameters.Add("owner", lease.Owner);
        parameters.Add("attempts", lease.Attempts);
        return database.QueueWriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET {set} WHERE id = @id AND state = 'working' AND lease_owner = @owner AND attempts = @attempts",
            parameters, t, cancellationToken: cancellation)) == 1, cancellation);
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public string Target { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Slot { get; set; } = "";

        public string Payload { get; set; } = "";

        public long Attempts { get; set; }

        public string CreatedAt { get; set; } = "";

        public ClaimedMessage Claimed() => new(Id, Target, Kind, Slot, Payload, (int)Attempts, Db.ParseTime(CreatedAt));
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }

        public string Target { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Slot { get; set; } = "";

        public string State { get; set; } = "";

        public long Attempts { get; set; }

        public string CreatedAt { get; set; } = "";

        public string NextAt { get; set; } = "";

        public string? SentAt { get; set; }

        public string? LastStatus { get; set; }

        public string? LastError { get; set; }

        public string? Response { get; set; }

        public string Payload { get; set; } = "";

        public OutboxSummary Summary() => new(
            Id, Target, Kind, Slot, State, (int)Attempts, Db.ParseTime(CreatedAt), Db.ParseTime(NextAt), Db.ParseTime(SentAt, nullable: true), LastStatus, LastError, Response, Payload);
    }
}
