using System.Data.Common;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// What the two leased queues (<see cref="WebhookDeliveryStore"/>, <see cref="OutboxStore"/>) do alike: every write by
/// a worker names its lease (row, owner, attempt), so a worker whose lease expired and was taken over changes nothing.
/// </summary>
internal static class LeasedRows
{
    /// <summary>Extends leases; returns the ids whose lease was lost.</summary>
    public static Task<IReadOnlyList<long>> RenewAsync(ServerDatabase database, string table, IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation) =>
        database.QueueBookkeepingAsync<IReadOnlyList<long>>(async (c, t) =>
        {
            var lost = new List<long>();
            foreach (var lease in leases)
            {
                if (!await UpdateAsync(c, t, table, lease, "lease_until = @until, next_at = @until", new { until = Db.Time(until) }, cancellation))
                {
                    lost.Add(lease.Id);
                }
            }

            return lost;
        }, cancellation);

    /// <summary>Gives rows back to the queue, due now, the attempt not counted.</summary>
    public static Task ReleaseAsync(ServerDatabase database, string table, IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation) =>
        database.QueueBookkeepingAsync(async (c, t) =>
        {
            foreach (var lease in leases)
            {
                await UpdateAsync(c, t, table, lease, "state = 'queued', next_at = @now, attempts = attempts - 1, lease_owner = NULL, lease_until = NULL",
                    new { now = Db.Time(now) }, cancellation);
            }

            return 0;
        }, cancellation);

    /// <summary>Sets <paramref name="set"/> on the row if <paramref name="lease"/> still holds it; true when it did.</summary>
    public static async Task<bool> UpdateAsync(DbConnection c, DbTransaction t, string table, Lease lease, string set, object values, CancellationToken cancellation)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("id", lease.Id);
        parameters.Add("owner", lease.Owner);
        parameters.Add("attempts", lease.Attempts);
        return await c.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET {set} WHERE id = @id AND state = 'working' AND lease_owner = @owner AND attempts = @attempts",
            parameters, t, cancellationToken: cancellation)) == 1;
    }
}
