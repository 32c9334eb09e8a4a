using System.Collections.Concurrent;
using Countersign.Contracts;
using Countersign.Data;

namespace Countersign.Server.Repositories;

/// <summary>
/// A registered repository by name, with the audit head read in the same round trip. Registering or updating a
/// repository appends to the audit chain, so while the head has not moved the registration read last time (name, URL,
/// credential) is still the database's and is not read again; its fetch statistics are not versioned by the head, so
/// callers use the registration only. The head is what the registration path checks its caches against
/// (<see cref="Evaluation.ChangeService.RegisterAsync"/>): one read answers both.
/// </summary>
public sealed class RepositoryLookup(ServerDatabase database)
{
    private const int MaxEntries = 1024;
    private readonly ConcurrentDictionary<string, Entry> registrations = new(StringComparer.Ordinal);

    /// <summary>The repository registered as <paramref name="name"/> (null: none), and the audit head it was current at.</summary>
    /// <param name="name">The repository name.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<(RepositoryView? Repository, long? Head)> FindAsync(string name, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
        {
            var head = await AuditStore.HeadSequenceAsync(connection);
            if (head is { } version && registrations.TryGetValue(name, out var known) && known.Head == version)
            {
                return (known.Repository, head);
            }

            // Read after the head: if a write landed in between, the row is newer than the head it is filed under, and
            // the next request (seeing the new head) reads it again.
            var repository = await RepositoryStore.FindAsync(connection, name);
            if (head is { } read)
            {
                if (registrations.Count >= MaxEntries)
                {
                    registrations.Clear();
                }

                registrations[name] = new Entry(read, repository);
            }

            return (repository, head);
        }, cancellation);

    private sealed record Entry(long Head, RepositoryView? Repository);
}
