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
    /// <summary>Every state a message can be in.</summary>
    public static readonly IReadOnlySet<string> States = new SortedSet<string>(StringComparer.Ordinal) { "queued", "working", "sent", "superseded", "failed", "parked" };

    private const string Table = "outbox";

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
        return database.QueueBookkeepingAsync<IReadOnlyList<ClaimedMessage>>(async (c, t) =>
            (await c.QueryAsync<Row>(new CommandDefinition(sql, new { owner, max, now = Db.Time(now), until = Db.Time(until) }, t, cancellationToken: cancellation)))
                .Select(r => r.Claimed()).OrderBy(m => m.Id).ToList(), cancellation);
    }

    /// <summary>Extends the leases of messages being sent; returns the ids whose lease was lost.</summary>
    /// <param name="leases">The leases.</param>
    /// <param name="until">The new end of the leases.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<IReadOnlyList<long>> RenewAsync(IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation) =>
        LeasedRows.RenewAsync(database, Table, leases, until, cancellation);

    /// <summary>Gives back messages taken but not started (the worker is stopping).</summary>
    /// <param name="leases">The leases.</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task ReleaseAsync(IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation) =>
        LeasedRows.ReleaseAsync(database, Table, leases, now, cancellation);

    /// <summary>
    /// Records how sending each message ended, in one transaction: <c>sent</c> (with the forge's answer), <c>queued</c>
    /// again until <see cref="MessageCompletion.NextAt"/>, <c>failed</c> or <c>parked</c>. Returns, per completion,
    /// whether it was written (false: the lease was lost).
    /// </summary>
    /// <param name="completions">How each ended.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<MessageCompletion> completions, CancellationToken cancellation)
    {
        foreach (var done in completions.Where(d => d.State is not ("sent" or "queued" or "failed" or "parked")))
        {
            throw new ArgumentException($"'{done.State}' is not a state a sent message ends in", nameof(completions));
        }

        return database.QueueBookkeepingAsync<IReadOnlyList<bool>>(async (c, t) =>
        {
            var written = new List<bool>(completions.Count);
            foreach (var done in completions)
            {
                var at = Db.Time(done.At);
                written.Add(done.State switch
                {
                    "sent" => await LeasedRows.UpdateAsync(c, t, Table, done.Lease,
                        "state = 'sent', last_status = @status, last_error = NULL, response = @response, sent_at = @at, lease_owner = NULL, lease_until = NULL",
                        new { status = done.Status, response = done.Response, at }, cancellation),
                    "queued" => await LeasedRows.UpdateAsync(c, t, Table, done.Lease,
                        "state = 'queued', next_at = @next, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL",
                        new { next = Db.Time(done.NextAt ?? done.At), status = done.Status, error = done.Error }, cancellation),
                    _ => await LeasedRows.UpdateAsync(c, t, Table, done.Lease,
                        "state = @state, last_status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL",
                        new { state = done.State, status = done.Status, error = done.Error }, cancellation),
                });
            }

            return written;
        }, cancellation);
    }

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

    /// <summary>Queues a parked or failed message again, due now with its attempts reset; false when there is no such message in either state.</summary>
    /// <param name="id">The row id.</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellation) =>
        database.QueueWriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET state = 'queued', attempts = 0, next_at = @now WHERE id = @id AND state IN ('parked', 'failed')",
            new { id, now = Db.Time(now) }, t, cancellationToken: cancellation)) == 1, cancellation);

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
