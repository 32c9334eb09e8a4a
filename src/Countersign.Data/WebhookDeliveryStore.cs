using Dapper;

namespace Countersign.Data;

/// <summary>
/// The durable queue of webhook deliveries: received once per (source, delivery id), claimed by workers under a lease
/// (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so replicas never take the same row; SQLite: inside its one write
/// transaction), renewed while worked, then finished, retried later or parked. An operational queue, not a record:
/// nothing here is chained in the audit log (that would serialise intake behind every sign-off).
/// </summary>
/// <remarks>
/// Bodies live in a table of their own (<c>webhook_bodies</c>), written once: SQLite rewrites a whole row, overflow
/// pages and all, on every update, and a delivery's row is updated three times (claimed, renewed, finished).
/// States: <c>queued</c> (waiting for <c>next_at</c>), <c>working</c> (leased until <c>lease_until</c>; <c>next_at</c>
/// equals it, so an expired lease makes the row due again), and the final ones: <c>done</c>, <c>ignored</c>,
/// <c>rejected</c> (the handler can never work it), <c>parked</c> (it failed too often). A worker's writes name its
/// lease (owner and attempt), so a worker whose lease expired and was taken over changes nothing.
/// </remarks>
internal sealed class WebhookDeliveryStore(ServerDatabase database)
{
    /// <summary>The states a delivery ends in; a worker writes one of them, or asks to retry.</summary>
    public static readonly IReadOnlySet<string> FinalStates = new HashSet<string>(StringComparer.Ordinal) { "done", "ignored", "rejected", "parked" };

    /// <summary>Every state a delivery can be in.</summary>
    public static readonly IReadOnlySet<string> States = new SortedSet<string>(StringComparer.Ordinal) { "queued", "working", "done", "ignored", "rejected", "parked" };

    private const string Table = "webhook_deliveries";

    private const string Returned = "id, source, delivery_id, event, attempts, received_at";

    /// <summary>
    /// Stores every delivery not stored yet, in one transaction (the intake's group commit); a delivery whose (source,
    /// delivery id) is already stored changes nothing and is answered with the stored row's id and state.
    /// </summary>
    /// <param name="deliveries">The authenticated deliveries, in arrival order.</param>
    /// <param name="now">When they were received.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public Task<IReadOnlyList<ReceivedDelivery>> ReceiveAsync(IReadOnlyList<IncomingDelivery> deliveries, DateTimeOffset now, CancellationToken cancellation) =>
        database.QueueWriteAsync<IReadOnlyList<ReceivedDelivery>>(async (c, t) =>
        {
            var at = Db.Time(now);
            var received = new List<ReceivedDelivery>(deliveries.Count);
            foreach (var d in deliveries)
            {
                var id = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    """
                    INSERT INTO webhook_deliveries (source, delivery_id, event, received_at, state, attempts, next_at)
                    VALUES (@Source, @DeliveryId, @Event, @at, 'queued', 0, @at)
                    ON CONFLICT (source, delivery_id) DO NOTHING RETURNING id
                    """, new { d.Source, d.DeliveryId, d.Event, at }, t, cancellationToken: cancellation));
                if (id is { } inserted)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO webhook_bodies (id, body) VALUES (@inserted, @Body)", new { inserted, d.Body }, t, cancellationToken: cancellation));
                    received.Add(new ReceivedDelivery(inserted, "queued", Duplicate: false));
                    continue;
                }

                var (existing, state) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
                    "SELECT id, state FROM webhook_deliveries WHERE source = @Source AND delivery_id = @DeliveryId", new { d.Source, d.DeliveryId }, t, cancellationToken: cancellation));
                received.Add(new ReceivedDelivery(existing, state, Duplicate: true));
            }

            return received;
        }, cancellation);

    /// <summary>
    /// Takes up to <paramref name="max"/> due deliveries (queued and due, or working under an expired lease) for
    /// <paramref name="owner"/> until <paramref name="until"/>; each one's attempt count goes up by one.
    /// </summary>
    /// <param name="owner">The worker taking them (its process's id).</param>
    /// <param name="max">The most to take.</param>
    /// <param name="now">The time now.</param>
    /// <param name="until">When the lease runs out unless renewed.</param>
    /// <param name="cancellation">Cancels the claim.</param>
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellation)
    {
        var skipLocked = database.Kind == DatabaseKind.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE webhook_deliveries SET state = 'working', attempts = attempts + 1, lease_owner = @owner, lease_until = @until, next_at = @until
            WHERE id IN (SELECT id FROM webhook_deliveries WHERE state IN ('queued', 'working') AND next_at <= @now ORDER BY next_at LIMIT @max {skipLocked})
            RETURNING {Returned}
            """;
        return database.QueueBookkeepingAsync<IReadOnlyList<ClaimedDelivery>>(async (c, t) =>
        {
            var rows = (await c.QueryAsync<Row>(new CommandDefinition(sql, new { owner, max, now = Db.Time(now), until = Db.Time(until) }, t, cancellationToken: cancellation))).ToList();
            if (rows.Count == 0)
            {
                return [];
            }

            var bodies = (await c.QueryAsync<(long Id, string Body)>(new CommandDefinition(
                database.Kind == DatabaseKind.PostgreSql ? "SELECT id, body FROM webhook_bodies WHERE id = ANY(@ids)" : "SELECT id, body FROM webhook_bodies WHERE id IN @ids",
                new { ids = rows.Select(r => r.Id).ToArray() }, t, cancellationToken: cancellation)))
                .ToDictionary(b => b.Id, b => b.Body);
            return rows.Select(r => r.Claimed(bodies.GetValueOrDefault(r.Id, ""))).OrderBy(d => d.Id).ToList();
        }, cancellation);
    }

    /// <summary>Extends the leases of deliveries being worked; returns the ids whose lease was lost (taken over after it expired).</summary>
    /// <param name="leases">The leases.</param>
    /// <param name="until">The new end of the leases.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<IReadOnlyList<long>> RenewAsync(IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation) =>
        LeasedRows.RenewAsync(database, Table, leases, until, cancellation);

    /// <summary>Gives back deliveries taken but not started (the worker is stopping): due again at once, the attempt not counted.</summary>
    /// <param name="leases">The leases.</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task ReleaseAsync(IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation) =>
        LeasedRows.ReleaseAsync(database, Table, leases, now, cancellation);

    /// <summary>
    /// Records how working each delivery ended, in one transaction: a final state (<see cref="FinalStates"/>) with its
    /// outcome, or <c>queued</c> again until <see cref="DeliveryCompletion.NextAt"/>. Returns, per completion, whether
    /// it was written (false: the lease was lost, and whoever holds it now decides).
    /// </summary>
    /// <param name="completions">How each ended.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<DeliveryCompletion> completions, CancellationToken cancellation)
    {
        foreach (var done in completions.Where(d => d.State != "queued" && !FinalStates.Contains(d.State)))
        {
            throw new ArgumentException($"'{done.State}' is not a state a worked delivery ends in", nameof(completions));
        }

        return database.QueueBookkeepingAsync<IReadOnlyList<bool>>(async (c, t) =>
        {
            var written = new List<bool>(completions.Count);
            foreach (var done in completions)
            {
                written.Add(done.State == "queued"
                    ? await LeasedRows.UpdateAsync(c, t, Table, done.Lease, "state = 'queued', next_at = @next, outcome = @outcome, lease_owner = NULL, lease_until = NULL",
                        new { next = Db.Time(done.NextAt ?? done.At), outcome = done.Outcome }, cancellation)
                    : await LeasedRows.UpdateAsync(c, t, Table, done.Lease, "state = @state, outcome = @outcome, finished_at = @at, lease_owner = NULL, lease_until = NULL",
                        new { state = done.State, outcome = done.Outcome, at = Db.Time(done.At) }, cancellation));
            }

            return written;
        }, cancellation);
    }

    /// <summary>How many deliveries are in each state, and when the oldest queued one was received (null: none queued).</summary>
    /// <param name="cancellation">Cancels the reads.</param>
    public Task<QueueDepth> DepthAsync(CancellationToken cancellation) =>
        database.ReadAsync(async c => new QueueDepth(
            (await c.QueryAsync<(string, long)>(new CommandDefinition("SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state", cancellationToken: cancellation))).ToList(),
            Db.ParseTime(await c.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MIN(received_at) FROM webhook_deliveries WHERE state = 'queued'", cancellationToken: cancellation)), nullable: true)), cancellation);

    /// <summary>The deliveries in <paramref name="state"/>, newest first, without their bodies (what an operator looks at).</summary>
    /// <param name="state">The state.</param>
    /// <param name="limit">The most to list.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<IReadOnlyList<DeliverySummary>> ListAsync(string state, int limit, CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT id, source, delivery_id, event, state, attempts, received_at, next_at, finished_at, outcome
            FROM webhook_deliveries WHERE state = @state ORDER BY id DESC LIMIT @limit
            """, new { state, limit }, cancellationToken: cancellation)), cancellation)).Select(r => r.Summary()).ToList();

    /// <summary>The delivery stored as (<paramref name="source"/>, <paramref name="deliveryId"/>), or null.</summary>
    /// <param name="source">The forge.</param>
    /// <param name="deliveryId">The forge's delivery id.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<DeliverySummary?> FindAsync(string source, string deliveryId, CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT id, source, delivery_id, event, state, attempts, received_at, next_at, finished_at, outcome
            FROM webhook_deliveries WHERE source = @source AND delivery_id = @deliveryId
            """, new { source, deliveryId }, cancellationToken: cancellation)), cancellation))?.Summary();

    /// <summary>Queues a parked or rejected delivery again, due now with its attempts reset; false when there is no such delivery in either state.</summary>
    /// <param name="id">The row id.</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellation) =>
        database.QueueWriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET state = 'queued', attempts = 0, next_at = @now, finished_at = NULL WHERE id = @id AND state IN ('parked', 'rejected')",
            new { id, now = Db.Time(now) }, t, cancellationToken: cancellation)) == 1, cancellation);

    /// <summary>
    /// Deletes deliveries that ended (done or ignored) before <paramref name="before"/>: a redelivery of one of them
    /// after that is stored and worked again (handlers are idempotent). Rejected and parked ones stay for an operator.
    /// </summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellation) =>
        database.QueueBookkeepingAsync(async (c, t) =>
        {
            const string ended = "SELECT id FROM webhook_deliveries WHERE state IN ('done', 'ignored') AND finished_at < @before";
            await c.ExecuteAsync(new CommandDefinition($"DELETE FROM webhook_bodies WHERE id IN ({ended})", new { before = Db.Time(before) }, t, cancellationToken: cancellation));
            return await c.ExecuteAsync(new CommandDefinition($"DELETE FROM webhook_deliveries WHERE id IN ({ended})", new { before = Db.Time(before) }, t, cancellationToken: cancellation));
        }, cancellation);

    private sealed class Row
    {
        public long Id { get; set; }

        public string Source { get; set; } = "";

        public string DeliveryId { get; set; } = "";

        public string Event { get; set; } = "";

        public long Attempts { get; set; }

        public string ReceivedAt { get; set; } = "";

        public ClaimedDelivery Claimed(string body) => new(Id, Source, DeliveryId, Event, body, (int)Attempts, Db.ParseTime(ReceivedAt));
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }

        public string Source { get; set; } = "";

        public string DeliveryId { get; set; } = "";

        public string Event { get; set; } = "";

        public string State { get; set; } = "";

        public long Attempts { get; set; }

        public string ReceivedAt { get; set; } = "";

        public string NextAt { get; set; } = "";

        public string? FinishedAt { get; set; }

        public string? Outcome { get; set; }

        public DeliverySummary Summary() => new(
            Id, Source, DeliveryId, Event, State, (int)Attempts, Db.ParseTime(ReceivedAt), Db.ParseTime(NextAt), Db.ParseTime(FinishedAt, nullable: true), Outcome);
    }
}
